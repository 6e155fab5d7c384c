/**
 * People in the loop, in real Chromium: a visitor asks for a person, an agent in another browser
 * profile (a page speaking the inbox protocol over its own WebSocket) sees it live, claims it and
 * replies; the visitor sees the reply with the agent's name; handed back, the assistant answers again.
 * With nobody online, the visitor leaves an address, which the inbox lists and a webhook receives.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
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
const hooks: { event: string; body: string }[] = [];
let receiver: ReturnType<typeof Bun.serve>;

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
  const created = await fetch(`${server.url}/api/businesses/${shop.id}/webhooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${shop.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ url: `http://127.0.0.1:${receiver.port}/in`, events: ["contact.captured"] }),
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  receiver?.stop(true);
  await server?.stop();
});

async function createAgent(name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/businesses/${shop.id}/agents`, {
    method: "POST",
    headers: { authorization: `Bearer ${shop.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** An agent's browser profile: a page that opens the inbox socket and records every frame. */
async function openAgent(token: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/health`);
  await page.evaluate(
    ([url, token]) =>
      new Promise<void>((resolve) => {
        const socket = new WebSocket(url!);
        const frames: unknown[] = [];
        Object.assign(window, { inbox: { socket, frames } });
        socket.onmessage = (event) => {
          const frame = JSON.parse(event.data);
          frames.push(frame);
          if (frame.type === "ready") resolve();
        };
        socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token }));
      }),
    [`${server.url.replace("http", "ws")}/ws/agent/${shop.id}`, token],
  );
  const send = (frame: unknown) =>
    page.evaluate(
      (f) => (window as unknown as { inbox: { socket: WebSocket } }).inbox.socket.send(JSON.stringify(f)),
      frame,
    );
  const waitFor = (predicate: string) =>
    page.waitForFunction(
      (p) =>
        (window as unknown as { inbox: { frames: unknown[] } }).inbox.frames.some(
          new Function("f", `return ${p}`) as (f: unknown) => boolean,
        ),
      predicate,
      { timeout: 15_000 },
    );
  return { page, context, send, waitFor };
}

const modeLine = (page: Page) => textOf(page.locator(hook("mode")));

describe("a person answers", () => {
  test("asked for in the widget, seen live by an agent elsewhere, claimed, answered, handed back", async () => {
    const agent = await openAgent(await createAgent("Anna"));
    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    await page.locator(hook("handoff")).click();
    await page.locator(hook("mode")).filter({ hasText: "Waiting for a person…" }).waitFor();
    await agent.waitFor(`f.type === "session" && f.session.mode === "waiting"`);
    const sessionId = await agent.page.evaluate(
      () =>
        (
          window as unknown as {
            inbox: { frames: { type: string; session?: { id: string; mode: string } }[] };
          }
        ).inbox.frames.find((f) => f.type === "session" && f.session?.mode === "waiting")!.session!.id,
    );
    await agent.send({ type: "claim", sessionId });
    await page.locator(hook("mode")).filter({ hasText: "Anna joined" }).waitFor();
    await agent.send({ type: "reply", sessionId, message: "Hi, I am Anna. How can I help?" });
    const reply = finalMessage(page, "agent");
    await reply.waitFor();
    expect(await messageText(reply)).toContain("Hi, I am Anna. How can I help?");
    expect(await textOf(reply)).toContain("Anna:");
    await page.screenshot({ path: "/tmp/handoff-e2e-human.png" });

    await ask(page, "My order has not arrived.");
    await agent.waitFor(`f.type === "message" && f.message.message === "My order has not arrived."`);
    await agent.send({ type: "handback", sessionId });
    await page.locator(hook("handoff")).waitFor();
    expect(await modeLine(page)).toBe("");
    await ask(page, "How many days do I have to return my shoes?");
    expect(await messageText(finalMessage(page, "assistant"))).toContain("30 days");
    await agent.context.close();
  });
});

describe("nobody is available", () => {
  test("the visitor leaves an address: in the inbox and delivered to the webhook", async () => {
    const visit = await visits.visit({ business: shop.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    await page.locator(hook("handoff")).click();
    const form = page.locator(hook("contact"));
    await form.waitFor();
    await page.screenshot({ path: "/tmp/handoff-e2e-contact.png" });
    await form.locator('input[name="email"]').fill("visitor@example.com");
    await form.locator('input[name="name"]').fill("Vera");
    await form.locator('input[name="email"]').press("Enter");
    await form.waitFor({ state: "detached" });
    const sessions = (await (
      await fetch(`${server.url}/api/businesses/${shop.id}/sessions`, {
        headers: { authorization: `Bearer ${shop.apiKey}` },
      })
    ).json()) as { sessions: { mode: string; contact?: { email: string; name?: string } }[] };
    expect(sessions.sessions.find((s) => s.contact)).toMatchObject({
      mode: "waiting",
      contact: { email: "visitor@example.com", name: "Vera" },
    });
    const deadline = Date.now() + 15_000;
    while (!hooks.some((h) => h.event === "contact.captured") && Date.now() < deadline) await Bun.sleep(50);
    expect(JSON.parse(hooks.find((h) => h.event === "contact.captured")!.body)).toMatchObject({
      data: { contact: { email: "visitor@example.com", name: "Vera" } },
    });
  });
});
