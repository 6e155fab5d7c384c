/**
 * The business owner's dashboard in Debian's Chromium against the real server (offline providers):
 * sign in, create a business, upload a generated PDF and watch it become ready, ask through the
 * embedded widget, find the conversation, change the colour and watch the widget follow, and see an
 * unanswerable question under knowledge gaps.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { makePdf } from "../server/src/testing/fixtures";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import { ask as askWidget, finalMessage, messageText, openWidget } from "./support/widget-page";

let server: RunningServer;
let browser: Browser;
let host: HostServer;
let visits: ReturnType<typeof visitor>;
let page: Page;
let businessKey = "";
const pageErrors: string[] = [];

const launcher = '[data-supportal="launcher"]';
const assistantMessages = '[data-supportal="message"][data-sender="assistant"]';

beforeAll(async () => {
  host = startHostServer();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  visits = visitor({ browser, host, server: () => server.url });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // CSP violations and failed loads are reported on the console; the wrong token's 401 is the only one expected.
    if (message.type() === "error" && !message.text().includes("status of 401"))
      pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  await server?.stop();
});

/** Polls `read` until it returns true, as the page updates by itself. */
async function until(read: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await read().catch(() => false)) return;
    await Bun.sleep(100);
  }
  throw new Error(`timed out waiting for ${what}\n${server.logs().slice(-2000)}`);
}

async function ask(question: string): Promise<string> {
  const before = await page.locator(assistantMessages).count();
  await page.locator('[data-supportal="input"]').fill(question);
  await page.locator('[data-supportal="send"]').click();
  // Read once the answer is final: under load the first deltas are on screen long before the rest.
  const answer = page.locator(`${assistantMessages}:not([aria-busy="true"])`).nth(before);
  await answer.waitFor({ timeout: 60_000 });
  return (await answer.textContent()) ?? "";
}

describe("dashboard", () => {
  test("is served with its security headers, script and styles", async () => {
    const html = await fetch(`${server.url}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(html.headers.get("etag")).toBeTruthy();
    for (const asset of ["/dashboard.js", "/dashboard.css"]) {
      const response = await fetch(`${server.url}${asset}`, { headers: { "accept-encoding": "gzip" } });
      expect(response.status).toBe(200);
      const again = await fetch(`${server.url}${asset}`, {
        headers: { "if-none-match": response.headers.get("etag") ?? "" },
      });
      expect(again.status).toBe(304);
    }
    // The dashboard is its own bundle: nothing of it is in the widget customers load.
    const widget = await (await fetch(`${server.url}/supportal-widget.js`)).text();
    expect(widget).not.toContain("Knowledge gaps");
  });

  test("a wrong token is refused; the admin token signs in", async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel("Admin token, API key or agent token").fill("not-the-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "not valid" }).waitFor();

    await page.getByLabel("Admin token, API key or agent token").fill(server.adminToken);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Businesses", level: 1 }).waitFor();
    // The credential is in this tab's sessionStorage, not in a cookie.
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([
      "supportal.dashboard.credential",
    ]);
    expect((await page.context().cookies()).length).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Businesses", level: 1 }).waitFor();
  });

  test("creates a business; its key is shown once with a copy button", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Tandem Bikes");
    await page.getByRole("button", { name: "Create business" }).click();
    const key = (await page.getByTestId("api-key").textContent()) ?? "";
    businessKey = key;
    expect(key).toMatch(/^sp_\d+_/);
    await page.getByRole("button", { name: "Copy key" }).click();
    await page.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.getByRole("link", { name: "Tandem Bikes" }).first().click();
    await page.getByRole("heading", { name: "Documents", level: 1 }).waitFor();
  });

  test("uploads a PDF and a text file by drag and drop and shows them becoming ready", async () => {
    const pdf = await makePdf([
      [
        { text: "Tandem Bikes service guide", size: 16 },
        "",
        "Every tandem bike comes with a free first service within ninety days of purchase.",
        "Book the free service online or call the workshop in Utrecht.",
      ],
      ["Warranty", "", "The frame of every tandem carries a lifetime warranty against cracks."],
    ]);
    const text =
      "Opening hours\n\nThe Utrecht workshop opens at eight in the morning from Monday to Saturday.\n";
    await page.evaluate(
      ({ pdfBytes, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([new Uint8Array(pdfBytes)], "service-guide.pdf", { type: "application/pdf" }),
        );
        transfer.items.add(new File([text], "hours.txt", { type: "text/plain" }));
        const zone = document.querySelector('[data-testid="dropzone"]')!;
        zone.dispatchEvent(
          new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
        zone.dispatchEvent(
          new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      },
      { pdfBytes: [...pdf], text },
    );
    expect(await page.getByTestId("upload").count()).toBe(2);
    const row = page.getByTestId("document").filter({ hasText: "service-guide.pdf" });
    await row.waitFor();
    await row.locator('[data-status="ready"]').waitFor({ timeout: 90_000 });
    expect(Number(await row.getByTestId("chunks").textContent())).toBeGreaterThan(0);
    await page
      .getByTestId("document")
      .filter({ hasText: "hours.txt" })
      .locator('[data-status="ready"]')
      .waitFor({ timeout: 90_000 });

    // Citations call it by its first heading until the owner gives it another title.
    expect(await row.getByTestId("document-title").textContent()).toBe("Tandem Bikes service guide");
    await row.getByRole("button", { name: "Edit title of service-guide.pdf" }).click();
    await row.getByRole("textbox", { name: /Title of service-guide\.pdf/ }).fill("Service and warranty");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByTestId("document-title").filter({ hasText: "Service and warranty" }).waitFor();
  });

  test("the real widget answers for the business under Try it", async () => {
    await page.getByRole("link", { name: "Try it" }).click();
    await page.getByRole("heading", { name: "Try it", level: 1 }).waitFor();
    await page.locator('[data-supportal="panel"]').waitFor({ state: "visible" });
    const answer = await ask("Is the first service of a tandem bike free?");
    expect(answer).toContain("ninety days");
    const gap = await ask("Do you rent out kayaks for river trips?");
    expect(gap.toLowerCase()).toContain("couldn't find");
  });

  test("finds the conversation, its sources, and searches messages", async () => {
    await page.getByRole("link", { name: "Conversations" }).click();
    await page.getByRole("heading", { name: "Conversations", level: 1 }).waitFor();
    // The widget belongs to Try it only.
    expect(await page.locator("supportal-widget").count()).toBe(0);
    const session = page.getByTestId("session").first();
    await session.waitFor();
    expect(await session.textContent()).toContain("4 messages");

    await page.getByRole("searchbox", { name: "Search messages" }).fill("KAYAKS");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByTestId("search-hit").first().waitFor();

    await session.getByRole("link").click();
    await page.getByRole("heading", { name: "Transcript", level: 1 }).waitFor();
    await page.getByTestId("transcript-message").nth(3).waitFor();
    const source = await page.getByTestId("source").first().textContent();
    expect(source).toContain("Service and warranty");
    expect(source).toContain("service-guide.pdf");
  });

  test("exports the transcripts as CSV and JSON", async () => {
    await page.getByRole("link", { name: "Back to all conversations" }).click();
    for (const format of ["CSV", "JSON"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: `Export ${format}` }).click(),
      ]);
      expect(download.suggestedFilename()).toEndWith(`.${format.toLowerCase()}`);
      const content = await Bun.file((await download.path())!).text();
      expect(content).toContain("kayaks");
    }
  });

  test("the widget preview follows a colour change, and Try it uses the saved colour", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const background = () =>
      page.locator(launcher).evaluate((element) => getComputedStyle(element).backgroundColor);
    await page.locator(launcher).waitFor();
    const before = await background();
    await page.locator("#setting-color").fill("#b91c1c");
    await until(async () => (await background()) === "rgb(185, 28, 28)", "the preview to turn red");
    expect(before).not.toBe("rgb(185, 28, 28)");
    await page.getByLabel("Title", { exact: true }).fill("Tandem help");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("save-status").filter({ hasText: "Settings saved." }).waitFor();
    expect(await page.getByTestId("snippet").textContent()).toContain('data-business="');

    await page.getByRole("link", { name: "Try it" }).click();
    await page.locator('[data-supportal="panel"]').waitFor({ state: "visible" });
    await until(async () => (await background()) === "rgb(185, 28, 28)", "Try it to use the saved colour");
  });

  test("a bad colour is said at the field, before Save, and never cut; retention days are saved", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    // The page moves focus to its heading after it paints; typing before that would be left by it.
    await until(
      () => page.evaluate(() => document.activeElement?.tagName === "H1"),
      "focus to land on the heading",
    );
    const color = page.locator("#setting-color");
    const problem = page.getByTestId("color-problem");
    await color.fill("#b91c1c00");
    // Not cut to a valid-looking "#b91c1c": what was typed stays, and the field says what is wrong.
    expect(await color.inputValue()).toBe("#b91c1c00");
    await problem.filter({ hasText: "is not a hex colour" }).waitFor();
    expect(await color.getAttribute("aria-invalid")).toBe("true");
    expect(await color.getAttribute("aria-describedby")).toContain("color-problem");
    // A shorter mistake is said once the owner leaves the field.
    await color.fill("#b9");
    // Preact re-renders after the input event, not within fill(): wait for it, as below.
    await until(
      async () => (await problem.textContent()) === "",
      "the long mistake's words to go while typing",
    );
    await page.locator("#setting-retentionDays").focus();
    await problem.filter({ hasText: "is not a hex colour" }).waitFor();

    await color.fill(" #B91C1C ");
    await until(async () => (await problem.textContent()) === "", "the problem to clear");
    expect(await color.getAttribute("aria-invalid")).toBe("false");
    await page.locator("#setting-retentionDays").fill("45");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("save-status").filter({ hasText: "Settings saved." }).waitFor();
    expect(await color.inputValue()).toBe("#b91c1c");
    expect(await page.locator("#setting-retentionDays").inputValue()).toBe("45");
    const id = /#\/b\/(\d+)\//.exec(page.url())?.[1];
    const saved = await fetch(`${server.url}/api/businesses/${id}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(await saved.json()).toMatchObject({ retentionDays: 45, theme: { color: "#b91c1c" } });
  });

  test("Try it is left out of insights; a visitor's unanswerable question is a knowledge gap", async () => {
    await page.getByRole("link", { name: "Insights" }).click();
    await page.getByRole("heading", { name: "Insights", level: 1 }).waitFor();
    // The owner's own questions under Try it are tests: counted apart, in no figure.
    await page.getByTestId("test-sessions").filter({ hasText: "1 conversation of your own" }).waitFor();
    expect(await page.getByTestId("gap").count()).toBe(0);
    expect(await page.getByTestId("cited").count()).toBe(0);

    const businessId = Number(/#\/b\/(\d+)\//.exec(page.url())?.[1]);
    const visit = await visits.visit({ business: businessId });
    await visit.go();
    await openWidget(visit.page);
    for (const [nth, question] of [
      "Is the first service of a tandem bike free?",
      "Do you rent out kayaks?",
    ].entries()) {
      await askWidget(visit.page, question);
      await finalMessage(visit.page, "assistant", nth).waitFor({ timeout: 60_000 });
    }
    expect((await messageText(finalMessage(visit.page, "assistant", 1))).toLowerCase()).toContain(
      "couldn't find",
    );

    await page.getByRole("button", { name: "Refresh" }).click();
    const gap = page.getByTestId("gap").filter({ hasText: "kayaks" });
    await gap.waitFor();
    expect(await gap.textContent()).toContain("Asked 1 time");
    expect(await page.getByTestId("cited").first().textContent()).toContain("service-guide.pdf");
    expect(await page.locator(".chart svg rect").count()).toBe(30);
    const limits = page.getByTestId("limits");
    await limits.filter({ hasText: "Today:" }).waitFor();
    expect(await limits.textContent()).toMatch(
      /Today: [1-9]\d* of 5000 customer messages\. One chat may send 500, one address 1000\./,
    );
    expect(await limits.textContent()).toContain("No limit was hit");
  });

  test("replaces a document with a new version, re-ingested under the same row", async () => {
    await page.getByRole("link", { name: "Documents" }).click();
    const row = page.getByTestId("document").filter({ hasText: "hours.txt" });
    const id = await row.getAttribute("data-document-id");
    await page.locator(`#replace-${id}`).setInputFiles({
      name: "hours-2027.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Opening hours\n\nFrom 2027 the Utrecht workshop also opens on Sundays at noon.\n"),
    });
    const replaced = page.locator(`[data-document-id="${id}"]`);
    await replaced
      .filter({ hasText: "hours-2027.txt" })
      .locator('[data-status="ready"]')
      .waitFor({ timeout: 90_000 });
    expect(await page.getByTestId("document").count()).toBe(2);
  });

  test("a business's API key signs in to that business only", async () => {
    const context = await browser.newContext();
    const owner = await context.newPage();
    await owner.goto(`${server.url}/dashboard`);
    await owner.getByLabel("Admin token, API key or agent token").fill(businessKey);
    await owner.getByRole("button", { name: "Sign in" }).click();
    await owner.getByRole("heading", { name: "Documents", level: 1 }).waitFor();
    expect(await owner.getByTestId("who").textContent()).toBe("Tandem Bikes");
    expect(await owner.getByRole("link", { name: "All businesses" }).count()).toBe(0);
    await context.close();
  });

  test("works by keyboard alone and fits a phone", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole("link", { name: "Settings" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    // Focus moved to the new page's heading, and Tab goes on into its form.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("setting-name");
    for (const tab of ["Documents", "Conversations", "Insights"]) {
      await page.getByRole("link", { name: tab }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: tab, level: 1 }).waitFor();
      // The view moves focus to its heading after it renders; wait for that before tabbing on.
      await page.waitForFunction(() => document.activeElement?.tagName === "H1");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    expect(pageErrors).toEqual([]);
  });
});
