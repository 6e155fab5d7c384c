/**
 * The widget against a real server's life: its first start, where the demo page at "/" walks a new
 * user from nothing to an answer (its shell commands run as shown, with bash and curl), and the server
 * going away, where the widget says so, keeps what the visitor types, reconnects by itself and carries
 * on with the same conversation without duplicates.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parseJson, readBody } from "../server/src/testing/api-client";
import { BusinessWithKey, Document, DocumentList, LimitsReport, Transcript } from "../shared/src/index";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type SeededBusiness, seedBusiness, waitForReady } from "./support/seed";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import {
  ask,
  eventually,
  finalMessage,
  hook,
  messageText,
  openWidget,
  readProbe,
  textOf,
} from "./support/widget-page";

const shell = Bun.which("bash") && Bun.which("curl");

const FAQ = `# Acme Shoes help centre

## Returns
You can return unworn shoes within 30 days of delivery for a full refund.

## Shipping
Orders ship within two business days. Standard delivery takes three to five days.

## Sizes
Our shoes run true to size. If you are between two sizes, choose the larger one.
`;

let server: RunningServer;
let browser: Browser;
let host: HostServer;
let visits: ReturnType<typeof visitor>;
let workDir: string;

beforeAll(async () => {
  host = startHostServer();
  [server, browser, workDir] = await Promise.all([
    startServer(),
    launchBrowser(),
    mkdtemp(join(tmpdir(), "supportal-demo-")),
  ]);
  visits = visitor({ browser, host, server: () => server.url });
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  await server?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

// First: the demo page on a fresh server, where the business its commands create gets id 1.
describe("the demo page at /", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  const step = (n: number) => page.locator("ol.steps > li").nth(n);
  const status = () => textOf(page.locator("#status"));

  /** Runs a step's commands as a user pasting them into a terminal would, with the real admin token. */
  async function runStep(n: number): Promise<string> {
    const commands = (await textOf(step(n).locator("pre"))).replace(
      "ADMIN=paste-the-admin-token-here",
      `ADMIN=${server.adminToken}`,
    );
    const prelude = n === 0 ? "" : `ADMIN=${server.adminToken}\nBASE=${server.url}\n`;
    const child = Bun.spawn(["bash", "-euo", "pipefail", "-c", prelude + commands], {
      cwd: workDir,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [code, stdout, stderr] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    if (code !== 0) throw new Error(`step ${n + 1} failed (${code}):\n${stderr}`);
    return stdout;
  }

  test("is served at / with the widget and three steps", async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toContain("text/html");
    await page.locator(hook("launcher")).waitFor({ state: "visible" });
    expect(await page.locator("ol.steps > li h2").allInnerTexts()).toEqual([
      "Create a business",
      "Upload a document",
      "Embed the widget",
    ]);
    // Commands carry this server's own address, and the embed snippet is the one the page itself uses.
    expect(await textOf(step(0).locator("pre"))).toContain(`BASE=${server.url}`);
    expect((await textOf(step(2).locator("pre"))).replace(/\s+/g, " ")).toBe(
      `<script src="${server.url}/supportal-widget.js" data-business="1" async></script>`,
    );
    expect(await page.locator('script[src="/supportal-widget.js"][data-business="1"][async]').count()).toBe(
      1,
    );
    expect(await page.locator('a[href="/dashboard"]').count()).toBeGreaterThan(0);
    expect(await eventuallyText(status, /No business yet/)).toMatch(/No business yet/);
    expect(await status()).toContain("offline answerer");
  });

  test("copies a step's commands to the clipboard", async () => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await step(2).locator(".copy").click();
    expect(await eventuallyText(() => textOf(step(2).locator(".copy")), /Copied/)).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await textOf(step(2).locator("pre")),
    );
  });

  test.skipIf(!shell)("its commands, pasted as shown, make its widget answer", async () => {
    const created = parseJson(BusinessWithKey, await runStep(0));
    expect(created).toMatchObject({ id: 1, name: "Acme Shoes" });
    expect(created.apiKey).toStartWith("sp_1_");

    const uploaded = await runStep(1);
    const [upload, listing] = uploaded.trim().split("\n");
    const document = parseJson(Document, upload!);
    expect(document).toMatchObject({ name: "faq.md", status: "pending" });
    // The step's last command lists the business's documents, this one among them.
    expect(parseJson(DocumentList, listing!).documents.map((d) => d.id)).toEqual([document.id]);
    await waitForReady(server, 1, document.id);

    await page.reload();
    await page.locator(hook("launcher")).waitFor({ state: "visible" });
    expect(await eventuallyText(status, /Acme Shoes/)).toContain("Business 1, Acme Shoes, exists");
    await openWidget(page);
    expect(await page.locator(hook("greeting")).textContent()).toBe(
      "Hi! Ask me about returns, shipping or sizes.",
    );

    // The question the page suggests, asked word for word.
    const suggestion = /“(.+?)”/.exec(await textOf(page.locator(".try")))![1]!;
    await page.locator(hook("input")).fill(suggestion);
    await page.locator(hook("input")).press("Enter");
    const answer = finalMessage(page, "assistant");
    await answer.waitFor();
    expect(await messageText(answer)).toContain("within 30 days of delivery");
    expect(await answer.locator(".s .sl").textContent()).toContain("Acme Shoes FAQ");
  });
});

describe("when the server refuses the site", () => {
  test("a page whose origin is not allowed says chat is not available, and stops retrying", async () => {
    const listed = await seedBusiness(server, {
      name: "Elsewhere",
      allowedOrigins: ["https://elsewhere.example"],
    });
    for (const business of [listed.id, 987654]) {
      const visit = await visits.visit({ business });
      await visit.go();
      const { page } = visit;
      await openWidget(page);
      expect(await eventually(() => banner(page), UNAVAILABLE)).toBe(UNAVAILABLE);
      const tried = (await readProbe(page)).sockets.length;
      // With retries running, a new socket would follow within the first backoff steps (1 s, 2 s).
      await Bun.sleep(3500);
      expect((await readProbe(page)).sockets.length).toBe(tried);
    }
    // The owner sees the site that was refused.
    const limits = await fetch(`${server.url}/api/businesses/${listed.id}/limits`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const { refusedOrigins } = await readBody(limits, LimitsReport);
    expect(refusedOrigins.map((entry) => entry.origin)).toContain(host.origin);
  });
});

describe("when the server goes away", () => {
  let shop: SeededBusiness;

  beforeAll(async () => {
    shop = await seedBusiness(server, {
      name: "Acme Shoes",
      allowedOrigins: [host.origin],
      documents: [{ name: "acme-faq.md", text: FAQ }],
    });
  });

  test("the server cuts the socket: the widget reconnects by itself and the conversation goes on", async () => {
    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    expect(await askAndWait(page, "How many days do I have to return my shoes?", 0)).toContain("30 days");
    const shown = await recordBanner(page);

    // A frame over the server's 1 MiB limit makes it close the socket (code 1009), as a proxy or a
    // restarting node would.
    const closed = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const socket = window.__probe!.socketObjects.at(-1)!;
          socket.addEventListener("close", (event) => resolve(event.code));
          socket.send("x".repeat(1_100_000));
        }),
    );
    expect(closed).toBe(1009);

    // Offline is announced, then cleared once a new socket is up.
    expect(await eventually(async () => (await readProbe(page)).sockets.length, 2)).toBe(2);
    expect(await eventually(() => banner(page), "")).toBe("");
    expect(await shown()).toEqual([OFFLINE, ""]);

    // The history the server replays does not duplicate what is already shown, and the chat works on.
    expect(await conversation(page)).toEqual(["user", "assistant"]);
    expect(await askAndWait(page, "How long does standard delivery take?", 1)).toContain(
      "three to five days",
    );
    expect(await conversation(page)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  test("the server restarts: a message typed while it is down is sent once it is back", async () => {
    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    expect(await askAndWait(page, "How many days do I have to return my shoes?", 0)).toContain("30 days");

    const port = Number(new URL(server.url).port);
    await server.stop();
    expect(await eventually(() => banner(page), OFFLINE)).toBe(OFFLINE);

    // Typed while offline: kept, marked as not sent yet, and not lost.
    await ask(page, "If I am between two sizes, which one should I choose?");
    expect(await conversation(page)).toEqual(["user", "assistant", "user(queued)"]);
    expect(await page.locator(`${hook("message")}[data-status="queued"]`).textContent()).toBe(
      "If I am between two sizes, which one should I choose?",
    );

    server = await startServer({ dataDir: server.dataDir, port });
    const answer = finalMessage(page, "assistant", 1);
    await answer.waitFor({ timeout: 45_000 });
    expect(await messageText(answer)).toContain("choose the larger one");
    expect(await banner(page)).toBe("");
    expect(await conversation(page)).toEqual(["user", "assistant", "user", "assistant"]);

    // The server stored this conversation once, across both connections.
    const session = await page.evaluate((id) => localStorage.getItem(`supportal:session:${id}`), shop.id);
    const stored = await fetch(`${server.url}/api/businesses/${shop.id}/sessions/${session}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const { messages } = await readBody(stored, Transcript);
    expect(messages.map((m) => m.sender)).toEqual(["user", "assistant", "user", "assistant"]);
  });
});

const OFFLINE = "Not connected. Retrying…";
const UNAVAILABLE = "Chat is unavailable here.";
const banner = (page: Page) => page.locator(`${hook("panel")} [role="status"]`).textContent();

/** Every text the connection banner showed, recorded from inside the shadow root. */
async function recordBanner(page: Page) {
  await page.evaluate(() => {
    const status = document.querySelector("supportal-widget")!.shadowRoot!.querySelector('[role="status"]')!;
    const shown: string[] = [];
    Object.assign(window, { shown });
    new MutationObserver(() => shown.push(status.textContent ?? "")).observe(status, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { shown: string[] }).shown);
}

/** The conversation as rendered: the sender of every message, with its status while not yet echoed. */
const conversation = (page: Page) =>
  page.locator(hook("message")).evaluateAll((messages) =>
    messages.map((m) => {
      const status = m.getAttribute("data-status");
      return `${m.getAttribute("data-sender")}${status ? `(${status})` : ""}`;
    }),
  );

async function askAndWait(page: Page, question: string, nth: number) {
  await ask(page, question);
  await finalMessage(page, "assistant", nth).waitFor({ timeout: 30_000 });
  return messageText(finalMessage(page, "assistant", nth));
}

async function eventuallyText(read: () => Promise<string>, pattern: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let text = await read();
  while (!pattern.test(text) && Date.now() < deadline) {
    await Bun.sleep(50);
    text = await read();
  }
  return text;
}
