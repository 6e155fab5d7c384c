/**
 * People in the loop through the dashboard, in real Chromium: the owner adds an agent and a webhook;
 * the agent signs in with their own token in another browser profile and keeps the inbox open; a
 * visitor asks for a person in words, the agent sees it live, claims, replies and hands back; with
 * nobody online a visitor leaves an address, which the owner sees in the inbox and as a delivered
 * webhook; business hours and handoff settings are saved from the settings page.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { Business } from "../shared/src/index";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type SeededBusiness, seedBusiness } from "./support/seed";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import { ask, finalMessage, hook, messageText, openWidget, textOf } from "./support/widget-page";

const FAQ = `# Acme Shoes help centre

## Returns
You can return unworn shoes within 30 days of delivery for a full refund.
`;

let server: RunningServer;
let browser: Browser;
let host: HostServer;
let visits: ReturnType<typeof visitor>;
let shop: SeededBusiness;
let owner: Page;
let agentToken = "";
const hooks: { event: string; body: string }[] = [];
let receiver: ReturnType<typeof Bun.serve>;
const pageErrors: string[] = [];

beforeAll(async () => {
  host = startHostServer();
  receiver = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      hooks.push({ event: request.headers.get("x-supportal-event") ?? "", body: await request.text() });
      return new Response("ok");
    },
  });
  [server, browser] = await Promise.all([
    startServer({ env: { SUPPORTAL_WEBHOOK_ALLOW_PRIVATE: "1" } }),
    launchBrowser(),
  ]);
  visits = visitor({ browser, host, server: () => server.url });
  shop = await seedBusiness(server, { name: "Acme Shoes", documents: [{ name: "faq.md", text: FAQ }] });
  owner = await signIn(await browser.newContext({ viewport: { width: 1280, height: 900 } }), shop.apiKey);
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  receiver?.stop(true);
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`${server.url}/dashboard`);
  await page.getByLabel("Admin token, API key or agent token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Business" }).getByRole("link", { name, exact: true }).click();

describe("the owner sets up people", () => {
  test("adds an agent (token shown once) and a webhook (secret shown once)", async () => {
    await owner.getByRole("heading", { name: "Documents", level: 1 }).waitFor();
    await tab(owner, "Agents");
    await owner.getByLabel("Name").fill("Anna");
    await owner.getByRole("button", { name: "Add agent" }).click();
    agentToken = (await owner.getByTestId("agent-token").textContent()) ?? "";
    expect(agentToken).toMatch(/^sa_\d+_/);
    await owner.getByRole("button", { name: "Done" }).click();
    await owner.getByTestId("agent").filter({ hasText: "Anna" }).waitFor();
    expect(await owner.content()).not.toContain(agentToken);

    await tab(owner, "Webhooks");
    await owner.getByLabel("URL").fill(`http://127.0.0.1:${receiver.port}/in`);
    await owner.getByRole("checkbox", { name: "message.created" }).check();
    await owner.getByRole("checkbox", { name: "message.created" }).uncheck();
    await owner.getByRole("button", { name: "Add webhook" }).click();
    expect(await owner.getByTestId("webhook-secret").textContent()).toMatch(/\S{20,}/);
    await owner.getByRole("button", { name: "I have saved it" }).click();
    const webhook = owner.getByTestId("webhook");
    await webhook.waitFor();
    expect(await webhook.textContent()).toContain("handoff.requested, contact.captured");

    // A private address without SUPPORTAL_WEBHOOK_ALLOW_PRIVATE is refused in words; here it is
    // allowed, so an ftp URL stands in for a bad one.
    await owner.getByLabel("URL").fill("ftp://example.com/in");
    await owner.getByRole("button", { name: "Add webhook" }).click();
    await owner.getByRole("alert").filter({ hasText: /http/i }).waitFor();
  });
});

describe("a person answers from the dashboard inbox", () => {
  test("asked for in words, seen live by the agent in another profile, claimed, answered, handed back", async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const agent = await signIn(agentContext, agentToken);
    await agent.getByRole("heading", { name: "Inbox", level: 1 }).waitFor();
    await agent.getByTestId("inbox-connection").filter({ hasText: "Connected as Anna" }).waitFor();
    // An agent sees the inbox only: no business tabs.
    expect(await agent.getByRole("navigation", { name: "Business" }).count()).toBe(0);

    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    await ask(page, "can I talk to a human?");
    const answer = finalMessage(page, "assistant");
    await answer.waitFor();
    expect(await messageText(answer)).toContain("a person will answer you shortly");
    await page.locator(hook("mode")).filter({ hasText: "Waiting for a person…" }).waitFor();

    const waiting = agent.getByTestId("inbox-session").filter({ hasText: "can I talk to a human?" });
    await waiting.locator('[data-badge="waiting"]').waitFor();
    await waiting.getByRole("link").click();
    const conversation = agent.getByTestId("inbox-conversation");
    await conversation.getByText("a person will answer you shortly").waitFor();
    await conversation.getByRole("button", { name: "Claim" }).click();
    await page.locator(hook("mode")).filter({ hasText: "Anna joined" }).waitFor();
    await agent.locator('[data-testid="inbox-conversation"][data-mode="human"]').waitFor();
    await agent.getByLabel("Reply as Anna").fill("Hi, I am Anna. How can I help?");
    await agent.getByRole("button", { name: "Send" }).click();
    const reply = finalMessage(page, "agent");
    await reply.waitFor();
    expect(await messageText(reply)).toContain("Hi, I am Anna. How can I help?");
    expect(await textOf(reply)).toContain("Anna:");

    await ask(page, "My order has not arrived.");
    await conversation.getByText("My order has not arrived.").waitFor();
    await agent.screenshot({ path: "/tmp/inbox-e2e-agent.png" });
    await page.screenshot({ path: "/tmp/inbox-e2e-visitor.png" });

    await conversation.getByRole("button", { name: "Hand back to the assistant" }).click();
    await page.locator(hook("handoff")).waitFor();
    await ask(page, "How many days do I have to return my shoes?");
    expect(await messageText(finalMessage(page, "assistant", 1))).toContain("30 days");
    await agentContext.close();
  });
});

describe("nobody is available", () => {
  test("the address a visitor leaves is in the owner's inbox and delivered to the webhook", async () => {
    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    await page.locator(hook("handoff")).click();
    const form = page.locator(hook("contact"));
    await form.waitFor();
    await page.screenshot({ path: "/tmp/inbox-e2e-contact-form.png" });
    await form.locator('input[name="email"]').fill("visitor@example.com");
    await form.locator('input[name="name"]').fill("Vera");
    await form.locator('input[name="email"]').press("Enter");
    await form.waitFor({ state: "detached" });

    await tab(owner, "Inbox");
    const left = owner.getByTestId("inbox-session").filter({ has: owner.locator('[data-badge="contact"]') });
    await left.waitFor();
    await owner.getByRole("radio", { name: "Contact left" }).check();
    expect(await owner.getByTestId("inbox-session").count()).toBe(1);
    await left.getByRole("link").click();
    expect(await owner.getByTestId("contact").textContent()).toContain("visitor@example.com (Vera)");
    await owner.screenshot({ path: "/tmp/inbox-e2e-owner-contact.png" });

    await tab(owner, "Webhooks");
    await owner.getByRole("button", { name: "Show deliveries" }).click();
    const delivered = owner
      .getByTestId("delivery")
      .filter({ hasText: "contact.captured" })
      .and(owner.locator('[data-status="delivered"]'));
    for (let round = 0; round < 30 && (await delivered.count()) === 0; round++) {
      await owner.getByRole("button", { name: "Refresh" }).click();
      await Bun.sleep(300);
    }
    expect(await delivered.first().textContent()).toContain("HTTP 200");
    expect(hooks.some((h) => h.event === "contact.captured" && h.body.includes("visitor@example.com"))).toBe(
      true,
    );
    await owner.screenshot({ path: "/tmp/inbox-e2e-webhooks.png" });
  });
});

describe("settings", () => {
  test("business hours and the handoff settings are saved; a bad time is refused in words", async () => {
    await tab(owner, "Settings");
    await owner.getByLabel("Offer a person after this many unanswered questions in a row").fill("2");
    await owner.getByLabel("Only during business hours").check();
    await owner.getByLabel("Time zone").fill("Europe/Berlin");
    await owner.getByLabel("Monday").fill("9-17");
    await owner.getByRole("button", { name: "Save settings" }).click();
    await owner.getByRole("alert").filter({ hasText: "Check the hours of mon" }).waitFor();
    await owner.getByLabel("Monday").fill("09:00-12:00, 13:00-17:00");
    await owner.getByLabel("Friday").fill("9:00-15:00");
    await owner.getByRole("button", { name: "Save settings" }).click();
    await owner.getByTestId("save-status").filter({ hasText: "Settings saved." }).waitFor();
    await owner.screenshot({ path: "/tmp/inbox-e2e-settings.png", fullPage: true });
    const saved = Business.parse(
      await (
        await fetch(`${server.url}/api/businesses/${shop.id}`, {
          headers: { authorization: `Bearer ${shop.apiKey}` },
        })
      ).json(),
    );
    expect(saved.handoffAfterNotFound).toBe(2);
    expect(saved.businessHours).toEqual({
      timeZone: "Europe/Berlin",
      weekly: [
        { day: "mon", from: "09:00", to: "12:00" },
        { day: "mon", from: "13:00", to: "17:00" },
        { day: "fri", from: "09:00", to: "15:00" },
      ],
    });
  });
});
