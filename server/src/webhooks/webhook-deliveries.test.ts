import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { WebhookDeliveryList, type WebhookEvent, WebhookList, WebhookWithSecret } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";

/** A real HTTP receiver on loopback that answers each request as `answer` says, and records it. */
function startReceiver(answer: (count: number) => "ok" | "fail" | "hang") {
  const received: { body: string; signature: string | null; event: string | null }[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const body = await request.text();
      received.push({
        body,
        signature: request.headers.get("x-supportal-signature"),
        event: request.headers.get("x-supportal-event"),
      });
      const how = answer(received.length);
      if (how === "hang") await Bun.sleep(2_000);
      return new Response(how === "fail" ? "boom" : "ok", { status: how === "fail" ? 500 : 200 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/hook`, received, stop: () => server.stop(true) };
}

const ENV = {
  SUPPORTAL_WEBHOOK_ALLOW_PRIVATE: "1",
  SUPPORTAL_WEBHOOK_TIMEOUT_MS: "300",
  SUPPORTAL_WEBHOOK_RETRY_BASE_MS: "1",
};
let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;

beforeAll(async () => {
  server = await startTestServer({ env: ENV });
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Hooks" })).id;
});
afterAll(() => server.stop({ removeData: true }));

async function createWebhook(url: string, events: WebhookEvent[] = ["handoff.requested"], client = admin) {
  const response = await client.call("POST", `/api/businesses/${businessId}/webhooks`, { url, events });
  expect(response.status).toBe(201);
  return WebhookWithSecret.parse(await response.json());
}

async function deliveries(webhookId: number) {
  const response = await admin.call("GET", `/api/businesses/${businessId}/webhooks/${webhookId}/deliveries`);
  return WebhookDeliveryList.parse(await response.json()).deliveries;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await Bun.sleep(25);
  }
}

describe("webhooks", () => {
  test("a delivery is signed with the secret shown once, and logged", async () => {
    const receiver = startReceiver(() => "ok");
    const hook = await createWebhook(receiver.url, ["handoff.requested", "contact.captured"]);
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = WebhookList.parse(
      await (await admin.call("GET", `/api/businesses/${businessId}/webhooks`)).json(),
    );
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    server.deps.webhooks.emit(businessId, "contact.captured", { sessionId: "s1", email: "a@example.com" });
    server.deps.webhooks.emit(businessId, "message.created", { not: "subscribed" });
    const [delivery] = await until(
      () => deliveries(hook.id),
      (list) => list[0]?.status === "delivered",
    );
    expect(delivery).toMatchObject({
      event: "contact.captured",
      status: "delivered",
      attempts: 1,
      lastStatus: 200,
    });
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const expected = `sha256=${createHmac("sha256", hook.secret).update(got!.body).digest("hex")}`;
    expect(got!.signature).toBe(expected);
    expect(got!.event).toBe("contact.captured");
    expect(JSON.parse(got!.body)).toMatchObject({
      event: "contact.captured",
      businessId,
      data: { sessionId: "s1", email: "a@example.com" },
    });
    expect(got!.body).toBe(delivery!.payload);
    receiver.stop();
  });

  test("a receiver that answers 500 is retried with backoff until it accepts", async () => {
    const receiver = startReceiver((n) => (n <= 2 ? "fail" : "ok"));
    const hook = await createWebhook(receiver.url);
    server.deps.webhooks.emit(businessId, "handoff.requested", { sessionId: "s2" });
    const [delivery] = await until(
      () => deliveries(hook.id),
      (list) => list[0]?.status === "delivered",
    );
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, lastError: null });
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    receiver.stop();
  });

  test("a receiver that does not answer in time counts as a failed attempt and gets it again", async () => {
    const receiver = startReceiver((n) => (n <= 2 ? "hang" : "ok"));
    const hook = await createWebhook(receiver.url);
    server.deps.webhooks.emit(businessId, "handoff.requested", { sessionId: "s3" });
    const timedOut = await until(
      () => deliveries(hook.id),
      (list) => (list[0]?.attempts ?? 0) >= 1 && list[0]?.status === "pending",
    );
    expect(timedOut[0]).toMatchObject({ status: "pending", lastStatus: null });
    expect(timedOut[0]?.lastError ?? "").toContain("No answer within 300 ms");
    const [delivery] = await until(
      () => deliveries(hook.id),
      (list) => list[0]?.status === "delivered",
    );
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3 });
    expect(receiver.received).toHaveLength(3);
    receiver.stop();
  });

  test("a receiver that always fails ends as failed after the last retry", async () => {
    const receiver = startReceiver(() => "fail");
    const hook = await createWebhook(receiver.url);
    server.deps.webhooks.emit(businessId, "handoff.requested", { sessionId: "s4" });
    const [delivery] = await until(
      () => deliveries(hook.id),
      (list) => list[0]?.status === "failed",
    );
    expect(delivery).toMatchObject({ status: "failed", attempts: 7, lastStatus: 500, nextAttemptAt: null });
    expect(delivery!.lastError).toContain("HTTP 500");
    receiver.stop();
  });

  test("a pending delivery survives a restart of the server", async () => {
    const dataDir = await import("node:fs/promises").then(({ mkdtemp }) =>
      mkdtemp(`${require("node:os").tmpdir()}/supportal-hooks-`),
    );
    const slowEnv = { ...ENV, SUPPORTAL_WEBHOOK_RETRY_BASE_MS: "400" };
    const first = await startTestServer({ env: slowEnv, dataDir });
    const firstAdmin = apiClient(first.url, first.adminToken);
    const id = (await firstAdmin.createBusiness({ name: "Restart" })).id;
    const receiver = startReceiver((n) => (n === 1 ? "fail" : "ok"));
    const created = await firstAdmin.call("POST", `/api/businesses/${id}/webhooks`, {
      url: receiver.url,
      events: ["conversation.closed"],
    });
    const hook = WebhookWithSecret.parse(await created.json());
    first.deps.webhooks.emit(id, "conversation.closed", { sessionId: "s5" });
    await until(
      async () => receiver.received.length,
      (n) => n >= 1,
    );
    await first.stop();
    const second = await startTestServer({ env: slowEnv, dataDir });
    const secondAdmin = apiClient(second.url, second.adminToken);
    const log = await until(
      async () =>
        WebhookDeliveryList.parse(
          await (
            await secondAdmin.call("GET", `/api/businesses/${id}/webhooks/${hook.id}/deliveries`)
          ).json(),
        ).deliveries,
      (list) => list[0]?.status === "delivered",
    );
    expect(log[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
    receiver.stop();
    await second.stop({ removeData: true });
  });

  test("bad webhooks are refused with a clear 400; another business's webhook is not found", async () => {
    for (const body of [
      { url: "ftp://example.com/x", events: ["handoff.requested"] },
      { url: "nope", events: ["handoff.requested"] },
      { url: "https://example.com/x", events: [] },
      { url: "https://example.com/x", events: ["order.shipped"] },
      { url: "https://example.com/x" },
      { events: ["handoff.requested"] },
    ]) {
      const response = await admin.call("POST", `/api/businesses/${businessId}/webhooks`, body);
      expect(`${JSON.stringify(body)} → ${response.status}`).toBe(`${JSON.stringify(body)} → 400`);
    }
    const other = await admin.createBusiness({ name: "Other" });
    const hook = await createWebhook("http://127.0.0.1:9/x");
    for (const [method, path] of [
      ["GET", `/api/businesses/${other.id}/webhooks/${hook.id}`],
      ["PATCH", `/api/businesses/${other.id}/webhooks/${hook.id}`],
      ["DELETE", `/api/businesses/${other.id}/webhooks/${hook.id}`],
      ["GET", `/api/businesses/${other.id}/webhooks/${hook.id}/deliveries`],
    ] as const) {
      const response = await admin.call(
        method,
        path,
        method === "PATCH" ? { events: ["contact.captured"] } : undefined,
      );
      expect(response.status).toBe(404);
    }
    const patched = await admin.call("PATCH", `/api/businesses/${businessId}/webhooks/${hook.id}`, {
      events: ["contact.captured", "contact.captured"],
    });
    expect(((await patched.json()) as { events: string[] }).events).toEqual(["contact.captured"]);
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/webhooks/${hook.id}`)).status).toBe(
      204,
    );
    expect((await admin.call("GET", `/api/businesses/${businessId}/webhooks/${hook.id}`)).status).toBe(404);
  });
});

describe("webhooks without SUPPORTAL_WEBHOOK_ALLOW_PRIVATE", () => {
  test("loopback and private targets are refused, also by name after resolution", async () => {
    const strict = await startTestServer({
      overrides: {
        resolveHost: async (host) => (host === "evil.example" ? ["127.0.0.1"] : ["93.184.215.14"]),
      },
    });
    const client = apiClient(strict.url, strict.adminToken);
    const id = (await client.createBusiness({ name: "Strict" })).id;
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://localhost/",
      "http://[::1]/",
      "http://192.168.0.10/",
      "http://evil.example/",
    ]) {
      const response = await client.call("POST", `/api/businesses/${id}/webhooks`, {
        url,
        events: ["handoff.requested"],
      });
      const body = (await response.json()) as { error: { message: string } };
      expect(`${url} → ${response.status} ${body.error.message}`).toContain(
        "→ 400 url: loopback and private",
      );
    }
    const ok = await client.call("POST", `/api/businesses/${id}/webhooks`, {
      url: "https://hooks.example.com/in",
      events: ["handoff.requested"],
    });
    expect(ok.status).toBe(201);
    await strict.stop({ removeData: true });
  });
});
