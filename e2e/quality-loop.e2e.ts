/**
 * The quality loop end to end, in real Chromium against the real server (offline providers): the
 * owner's own Try it question stays out of Review; a visitor gets a poor answer and rates it 👎 with a
 * comment; the owner sees it in Review and writes a curated answer; a visitor in a new session asks the
 * same thing in other words and gets the curated answer with its source; the owner accepts a starter
 * check, adds golden questions that pass, replaces the document they cite, and the checks run again by
 * themselves: the dashboard shows the new run and flags the check that regressed.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { CheckList, CuratedAnswerList, ReviewQueue } from "../shared/src/index";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type SeededBusiness, seedBusiness } from "./support/seed";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import { ask, finalMessage, messageText, openWidget } from "./support/widget-page";

const GUIDE = `# Tandem care guide

## How often should I oil the chain?
Oil the chain of your tandem every 300 kilometres, and after every ride in the rain.

## Can I wash my tandem with a pressure washer?
Never point a pressure washer at the bearings; a bucket of warm water and a sponge is enough.
`;

// The new version oils less often: the chain check's phrase is gone, the washing section stays.
const GUIDE_2027 = `# Tandem care guide

## How often should I oil the chain?
From 2027 our chains are coated: oil them every 800 kilometres only.

## Can I wash my tandem with a pressure washer?
Never point a pressure washer at the bearings; a bucket of warm water and a sponge is enough.
`;

const POOR_QUESTION = "Do students get a discount on a tandem?";
const PARAPHRASE = "Is there a student discount for tandems?";
const CURATED = "Students get 15% off every tandem with a valid student card.";
const OWNER_TEST = "Do you rent out kayaks for river trips?";

let server: RunningServer;
let browser: Browser;
let host: HostServer;
let visits: ReturnType<typeof visitor>;
let shop: SeededBusiness;
let owner: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  host = startHostServer();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  visits = visitor({ browser, host, server: () => server.url });
  shop = await seedBusiness(server, {
    name: "Tandem Bikes",
    documents: [{ name: "care-guide.md", text: GUIDE }],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  owner = await context.newPage();
  owner.on("pageerror", (error) => pageErrors.push(error.message));
  owner.on("dialog", (dialog) => void dialog.accept());
  await owner.goto(`${server.url}/dashboard`);
  await owner.getByLabel("Admin token, API key or agent token").fill(shop.apiKey);
  await owner.getByRole("button", { name: "Sign in" }).click();
  await owner.getByRole("heading", { name: "Documents", level: 1 }).waitFor();
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  await server?.stop();
});

/** Opens a business tab and waits for its heading to take focus (the page moves it after paint). */
async function openTab(name: string, heading = name): Promise<void> {
  await owner.getByRole("navigation", { name: "Business" }).getByRole("link", { name, exact: true }).click();
  await owner.getByRole("heading", { name: heading, level: 1 }).waitFor();
  await owner.waitForFunction(
    (text) => document.activeElement?.tagName === "H1" && document.activeElement.textContent === text,
    heading,
  );
}

async function api<T>(path: string, schema: { parse: (value: unknown) => T }): Promise<T> {
  const response = await fetch(`${server.url}/api/businesses/${shop.id}/${path}`, {
    headers: { authorization: `Bearer ${shop.apiKey}` },
  });
  return schema.parse(await response.json());
}

/** Asks in a fresh visitor's widget and returns the final answer's bubble. */
async function visitorAsks(question: string) {
  const visit = await visits.visit({ business: shop.id });
  await visit.go();
  await openWidget(visit.page);
  await ask(visit.page, question);
  const answer = finalMessage(visit.page, "assistant");
  await answer.waitFor({ timeout: 60_000 });
  return { page: visit.page, answer };
}

describe("the owner's own tests", () => {
  test("a question asked under Try it is marked as a test conversation", async () => {
    await openTab("Try it");
    await owner.locator('[data-supportal="panel"]').waitFor({ state: "visible" });
    await ask(owner, OWNER_TEST);
    const answer = finalMessage(owner, "assistant");
    await answer.waitFor({ timeout: 60_000 });
    expect((await messageText(answer)).toLowerCase()).toContain("couldn't find");
    // Starting over makes a new session id in the widget: that conversation is a test too.
    await owner.getByRole("button", { name: "New conversation" }).click();
    await finalMessage(owner, "assistant").waitFor({ state: "detached" });
    await ask(owner, "Do you sell canoes?");
    await finalMessage(owner, "assistant").waitFor({ timeout: 60_000 });
    await openTab("Insights");
    await owner.getByTestId("test-sessions").filter({ hasText: "2 conversations" }).waitFor();
  });
});

describe("a poor answer becomes a curated answer", () => {
  test("a visitor rates a poor answer 👎 with a comment", async () => {
    const { page, answer } = await visitorAsks(POOR_QUESTION);
    expect((await messageText(answer)).toLowerCase()).toContain("couldn't find");
    await answer.getByRole("button", { name: "Not helpful" }).click();
    expect(await answer.getByRole("button", { name: "Not helpful" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    const comment = answer.locator('input[name="c"]');
    await comment.fill("I asked about students, not about bikes in general.");
    await comment.press("Enter");
    await comment.waitFor({ state: "detached" });
    await page.context().close();
  });

  test("the rating is counted in Insights, in all and by day", async () => {
    // The Try it test may have left the owner on Insights, where the link moves nothing.
    if (!(await owner.getByRole("heading", { name: "Insights", level: 1 }).count()))
      await openTab("Insights");
    const total = owner.getByTestId("ratings-total");
    // Insights is read once per visit: the rating may be stored just after, so read it again.
    for (let tries = 0; !(await total.count()) && tries < 60; tries++) {
      await owner.getByRole("button", { name: "Refresh" }).click();
      await owner.waitForTimeout(250);
    }
    expect(await total.textContent()).toContain("0 answers rated helpful, 1 not helpful (100 % not helpful)");
    const today = owner.getByTestId("ratings-day");
    expect(await today.count()).toBe(1);
    // The UTC day of the rating, then helpful 0, not helpful 1, share 100 %.
    expect(await today.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}01100 %$/);
  });

  test("the owner sees it in Review, without the Try it question, and writes a curated answer", async () => {
    await openTab("Review");
    const item = owner.getByTestId("review-item").filter({ hasText: POOR_QUESTION });
    // The queue is read again every few seconds: the rating may land after the page first loaded.
    await item.getByTestId("review-comment").filter({ hasText: "not about bikes in general" }).waitFor();
    expect(await item.textContent()).toContain("Rated not helpful");
    expect(await item.getByTestId("review-answer").textContent()).toContain("couldn't find");
    for (const test of ["kayaks", "canoes"])
      expect(await owner.getByTestId("review-item").filter({ hasText: test }).count()).toBe(0);
    const queue = await api("review", ReviewQueue);
    expect(queue.items.map((i) => i.questions[0]?.question)).toEqual([POOR_QUESTION]);

    await item.getByRole("button", { name: "Write a curated answer" }).click();
    const form = item.getByTestId("curated-form");
    await owner.screenshot({ path: "/tmp/quality-loop-review.png", fullPage: true });
    expect(await form.getByLabel("Question").inputValue()).toBe(POOR_QUESTION);
    await form.getByLabel("Answer").fill(CURATED);
    await form
      .getByLabel("Document it is about")
      .selectOption({ label: "Tandem care guide (care-guide.md)" });
    await form.getByRole("button", { name: "Save curated answer" }).click();
    await owner.getByTestId("review-done").filter({ hasText: "Saved as a curated answer" }).waitFor();
    await item.waitFor({ state: "detached" });
    await owner.getByTestId("review-empty").waitFor();

    await openTab("Curated answers");
    const saved = owner.getByTestId("curated-answer").filter({ hasText: POOR_QUESTION });
    expect(await saved.getByTestId("curated-text").textContent()).toBe(CURATED);
    // The document's name comes with the documents list, which may answer after the answers.
    await saved.filter({ hasText: "About care-guide.md" }).waitFor();
  });

  test("a new visitor asks it in other words and gets the curated answer with its source", async () => {
    const { page, answer } = await visitorAsks(PARAPHRASE);
    expect(await messageText(answer)).toContain(CURATED);
    expect(await answer.locator(".s").textContent()).toContain("Tandem care guide");
    await page.context().close();
    const { answers } = await api("answers", CuratedAnswerList);
    expect(answers[0]?.uses).toBe(1);
  });
});

describe("curated answers by hand and by file", () => {
  test("adds one with other phrasings, edits it, deletes it", async () => {
    await owner.getByRole("button", { name: "New curated answer" }).click();
    const form = owner.getByTestId("curated-form");
    await form.getByLabel("Question").fill("Do you deliver on Sundays?");
    await form.getByLabel("Other ways customers ask it").fill("Sunday delivery?\nCan I get it on a Sunday?");
    await form.getByLabel("Answer").fill("No, we deliver from Monday to Saturday.");
    await form.getByRole("button", { name: "Save curated answer" }).click();
    const added = owner.getByTestId("curated-answer").filter({ hasText: "Do you deliver on Sundays?" });
    await added
      .getByRole("list", { name: "Other phrasings" })
      .getByText("Can I get it on a Sunday?")
      .waitFor();
    // While it is edited the card holds a form, not its text: find it by its id.
    const card = owner.locator(`[data-answer-id="${await added.getAttribute("data-answer-id")}"]`);

    await card.getByRole("button", { name: "Edit the answer to Do you deliver on Sundays?" }).click();
    const edit = card.getByTestId("curated-form");
    await edit.getByLabel("Other ways customers ask it").fill("Sunday delivery?");
    await edit.getByLabel("Answer").fill("Only in Utrecht, on Sundays from noon.");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await card.getByTestId("curated-text").filter({ hasText: "Only in Utrecht" }).waitFor();
    expect(await card.getByRole("list", { name: "Other phrasings" }).textContent()).toBe("Sunday delivery?");

    await card.getByRole("button", { name: "Delete the answer to Do you deliver on Sundays?" }).click();
    await card.waitFor({ state: "detached" });
  });

  test("imports a CSV, saying which rows were refused and why, and exports them", async () => {
    const csv = [
      "question,variants,answer",
      '"Do you ship abroad?","Shipping abroad?\nInternational shipping?","Yes, within the EU."',
      "Missing answer,,",
      '"Which colours are there?",,"Red, blue and green."',
    ].join("\n");
    await owner.locator("#curated-import").setInputFiles({
      name: "answers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    const result = owner.getByTestId("import-result");
    await result.filter({ hasText: "Imported 2 answers." }).waitFor();
    expect(await result.getByTestId("import-error").textContent()).toMatch(/^Row 3: answer/);
    await owner.getByTestId("curated-answer").filter({ hasText: "Do you ship abroad?" }).waitFor();
    expect(await owner.getByTestId("curated-answer").count()).toBe(3);

    // A file that is not a table at all is refused whole, in words.
    await owner.locator("#curated-import").setInputFiles({
      name: "broken.csv",
      mimeType: "text/csv",
      buffer: Buffer.from('question,answer\n"Never closed,Yes'),
    });
    await owner.getByRole("alert").filter({ hasText: "quote that is never closed" }).waitFor();
    expect(await owner.getByTestId("curated-answer").count()).toBe(3);
    await owner.screenshot({ path: "/tmp/quality-loop-curated.png", fullPage: true });

    const [download] = await Promise.all([
      owner.waitForEvent("download"),
      owner.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`supportal-answers-${shop.id}.csv`);
    const exported = await Bun.file((await download.path())!).text();
    expect(exported).toStartWith("id,question,variants,answer,document_id");
    expect(exported).toContain("International shipping?");
    expect(exported).toContain(CURATED);
  });
});

describe("checks that run by themselves", () => {
  test("accepts a starter check in one click and adds golden questions; all pass", async () => {
    await openTab("Checks");
    const offer = owner.getByTestId("starter-checks");
    await offer.getByTestId("suggestion").first().waitFor();
    expect(await offer.textContent()).toContain("How often should I oil the chain?");
    await offer
      .getByRole("button", { name: "Accept the check Can I wash my tandem with a pressure washer?" })
      .click();
    await owner
      .getByTestId("check")
      .filter({ hasText: "Can I wash my tandem with a pressure washer?" })
      .waitFor();
    // Accepted, it is no longer offered (the offer is read again after the checks).
    await offer.getByText("Can I wash my tandem with a pressure washer?").waitFor({ state: "detached" });

    const form = owner.getByTestId("check-form");
    await form.getByLabel("Question").fill("How often do I need to oil the chain of my tandem?");
    await form.getByLabel("Contain the phrase").fill("300 kilometres");
    await form.getByRole("button", { name: "Add check" }).click();
    await owner.getByTestId("check").filter({ hasText: "oil the chain of my tandem" }).waitFor();
    // Nothing to check against: said at the form, nothing is sent.
    await form.getByLabel("Question").fill("Anything?");
    await form.getByRole("button", { name: "Add check" }).click();
    await form.getByRole("alert").filter({ hasText: "Choose the document" }).waitFor();
    await form.getByLabel("Question").fill(PARAPHRASE);
    await form.getByLabel("Contain the phrase").fill("15% off");
    await form.getByRole("button", { name: "Add check" }).click();
    await owner.getByTestId("check").filter({ hasText: PARAPHRASE }).waitFor();
    expect(await owner.getByTestId("check").count()).toBe(3);

    await owner.getByRole("button", { name: "Run all checks now" }).click();
    await owner.getByTestId("run-summary").filter({ hasText: "3 of 3 passed." }).waitFor({ timeout: 60_000 });
    // A poll sent before the run ended may answer after it: wait for the list to show the run.
    await owner.locator('[data-testid="check"][data-outcome="passed"]').nth(2).waitFor();
    expect(await owner.getByTestId("regressions").count()).toBe(0);
    const curatedCheck = owner.getByTestId("check").filter({ hasText: PARAPHRASE });
    await curatedCheck.getByText("What came back").click();
    expect(await curatedCheck.getByTestId("check-answer").textContent()).toContain(CURATED);
  });

  test("replacing the document runs the checks again by themselves; the regression is flagged", async () => {
    const before = (await api("checks", CheckList)).checks[0]?.last?.runId ?? 0;
    await openTab("Documents");
    const row = owner.getByTestId("document").filter({ hasText: "care-guide.md" });
    const id = await row.getAttribute("data-document-id");
    await owner.locator(`#replace-${id}`).setInputFiles({
      name: "care-guide.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(GUIDE_2027),
    });
    await openTab("Checks");
    // No click: the page reads the runs again by itself, and the run follows the replacement.
    const alert = owner.getByTestId("regressions");
    await alert.filter({ hasText: "1 check that passed before fails now" }).waitFor({ timeout: 90_000 });
    expect(await alert.textContent()).toContain("How often do I need to oil the chain of my tandem?");
    const chain = owner.getByTestId("check").filter({ hasText: "oil the chain of my tandem" });
    expect(await chain.getAttribute("data-outcome")).toBe("failed");
    await chain.getByTestId("regression").waitFor();
    expect(await chain.textContent()).toContain("300 kilometres");
    for (const question of [PARAPHRASE, "Can I wash my tandem with a pressure washer?"])
      expect(
        await owner.getByTestId("check").filter({ hasText: question }).getAttribute("data-outcome"),
      ).toBe("passed");
    // The runs are read on their own: wait for them to show the one the checks come from.
    await owner.getByTestId("run").first().filter({ hasText: "2 of 3 passed, 1 regression" }).waitFor();
    expect((await api("checks", CheckList)).checks[0]?.last?.runId).toBeGreaterThan(before);

    await chain
      .getByRole("button", { name: "History of How often do I need to oil the chain of my tandem?" })
      .click();
    const history = chain.getByTestId("history-entry");
    await history.nth(1).waitFor();
    expect(await history.nth(0).textContent()).toContain("Failed");
    expect(await history.nth(0).textContent()).toContain("Regression");
    expect(await history.nth(1).textContent()).toContain("Passed");
    await owner.screenshot({ path: "/tmp/quality-loop-checks.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
