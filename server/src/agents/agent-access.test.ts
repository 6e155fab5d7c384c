import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { AgentList, AgentWithToken, ErrorBody, Me, SessionList } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let otherId: number;
const tokens: Record<string, string> = {};

type Who = "admin" | "key" | "agent" | "otherAgent" | "otherKey" | "forged" | "deleted";
const EVERYONE: Who[] = ["admin", "key", "agent", "otherAgent", "otherKey", "forged", "deleted"];

async function createAgent(business: number, name: string) {
  const response = await admin.call("POST", `/api/businesses/${business}/agents`, { name });
  expect(response.status).toBe(201);
  return AgentWithToken.parse(await response.json());
}

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Mine" });
  const other = await admin.createBusiness({ name: "Theirs" });
  businessId = business.id;
  otherId = other.id;
  const agent = await createAgent(businessId, "Anna");
  const otherAgent = await createAgent(otherId, "Otto");
  const doomed = await createAgent(businessId, "Dora");
  expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/${doomed.id}`)).status).toBe(204);
  Object.assign(tokens, {
    admin: server.adminToken,
    key: business.apiKey,
    agent: agent.token,
    otherAgent: otherAgent.token,
    otherKey: other.apiKey,
    // The right shape and a real agent's id, a made-up secret.
    forged: agent.token.replace(/_[^_]+$/, `_${"A".repeat(32)}`),
    deleted: doomed.token,
  });
});
afterAll(() => server.stop({ removeData: true }));

/** Each endpoint with a request that is harmless when allowed; `destructive` ones test refusals only. */
const endpoints = (id: () => number) =>
  [
    { method: "GET", path: () => "/api/businesses", allowed: ["admin"] },
    { method: "POST", path: () => "/api/businesses", body: {}, allowed: ["admin"] },
    { method: "GET", path: () => `/api/businesses/${id()}`, allowed: ["admin", "key"] },
    { method: "PATCH", path: () => `/api/businesses/${id()}`, body: { name: "" }, allowed: ["admin", "key"] },
    { method: "DELETE", path: () => `/api/businesses/${id()}`, allowed: ["admin", "key"], destructive: true },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/api-key`,
      allowed: ["admin", "key"],
      destructive: true,
    },
    { method: "POST", path: () => `/api/businesses/${id()}/documents`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/documents`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/documents/999999`, allowed: ["admin", "key"] },
    { method: "PUT", path: () => `/api/businesses/${id()}/documents/999999`, allowed: ["admin", "key"] },
    { method: "DELETE", path: () => `/api/businesses/${id()}/documents/999999`, allowed: ["admin", "key"] },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/search`,
      body: { query: "x" },
      allowed: ["admin", "key"],
    },
    { method: "GET", path: () => `/api/businesses/${id()}/messages?q=x`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/messages/export`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/insights`, allowed: ["admin", "key"] },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/agents`,
      body: { name: "" },
      allowed: ["admin", "key"],
    },
    { method: "GET", path: () => `/api/businesses/${id()}/agents`, allowed: ["admin", "key"] },
    { method: "DELETE", path: () => `/api/businesses/${id()}/agents/999999`, allowed: ["admin", "key"] },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/webhooks`,
      body: { url: "ftp://x", events: [] },
      allowed: ["admin", "key"],
    },
    { method: "GET", path: () => `/api/businesses/${id()}/webhooks`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/webhooks/999999`, allowed: ["admin", "key"] },
    {
      method: "PATCH",
      path: () => `/api/businesses/${id()}/webhooks/999999`,
      body: {},
      allowed: ["admin", "key"],
    },
    { method: "DELETE", path: () => `/api/businesses/${id()}/webhooks/999999`, allowed: ["admin", "key"] },
    {
      method: "GET",
      path: () => `/api/businesses/${id()}/webhooks/999999/deliveries`,
      allowed: ["admin", "key"],
    },
    { method: "POST", path: () => `/api/businesses/${id()}/answers`, body: {}, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/answers`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/answers/export`, allowed: ["admin", "key"] },
    { method: "POST", path: () => `/api/businesses/${id()}/answers/import`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/answers/999999`, allowed: ["admin", "key"] },
    {
      method: "PATCH",
      path: () => `/api/businesses/${id()}/answers/999999`,
      body: {},
      allowed: ["admin", "key"],
    },
    { method: "DELETE", path: () => `/api/businesses/${id()}/answers/999999`, allowed: ["admin", "key"] },
    { method: "POST", path: () => `/api/businesses/${id()}/checks`, body: {}, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/checks`, allowed: ["admin", "key"] },
    { method: "POST", path: () => `/api/businesses/${id()}/checks/run`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/checks/runs`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/checks/runs/999999`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/checks/suggestions`, allowed: ["admin", "key"] },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/checks/suggestions/999999/accept`,
      allowed: ["admin", "key"],
    },
    { method: "GET", path: () => `/api/businesses/${id()}/checks/999999`, allowed: ["admin", "key"] },
    {
      method: "PATCH",
      path: () => `/api/businesses/${id()}/checks/999999`,
      body: {},
      allowed: ["admin", "key"],
    },
    { method: "DELETE", path: () => `/api/businesses/${id()}/checks/999999`, allowed: ["admin", "key"] },
    { method: "GET", path: () => `/api/businesses/${id()}/review`, allowed: ["admin", "key"] },
    {
      method: "POST",
      path: () => `/api/businesses/${id()}/review/dismiss`,
      body: { messageIds: [] },
      allowed: ["admin", "key"],
    },
    {
      method: "PUT",
      path: () => `/api/businesses/${id()}/sessions/${"t".repeat(20)}/test`,
      allowed: ["admin", "key"],
    },
    { method: "GET", path: () => `/api/businesses/${id()}/sessions`, allowed: ["admin", "key", "agent"] },
    {
      method: "GET",
      path: () => `/api/businesses/${id()}/sessions/${"s".repeat(20)}`,
      allowed: ["admin", "key", "agent"],
    },
  ] as { method: string; path: () => string; body?: unknown; allowed: Who[]; destructive?: boolean }[];

describe("who may call what (admin, key, agents of this and another business, forged, deleted)", () => {
  for (const endpoint of endpoints(() => businessId)) {
    test(`${endpoint.method} ${endpoint.path().replace(/\/(\d+|undefined)/, "/:id")}`, async () => {
      for (const who of EVERYONE) {
        const allowed = endpoint.allowed.includes(who);
        if (allowed && endpoint.destructive) continue;
        const response = await apiClient(server.url, tokens[who]!).call(
          endpoint.method,
          endpoint.path(),
          endpoint.body,
        );
        const expected = who === "forged" || who === "deleted" ? 401 : allowed ? "passes" : 403;
        const label = `${who} → ${response.status}`;
        if (expected === "passes") {
          expect(label).not.toMatch(/ → (401|403|5\d\d)$/);
        } else {
          expect(label).toBe(`${who} → ${expected}`);
          ErrorBody.parse(await response.json());
        }
      }
    });
  }
});

describe("GET /api/me", () => {
  test("says who each token is; forged and deleted tokens are 401", async () => {
    const me = async (who: Who) => {
      const response = await apiClient(server.url, tokens[who]!).call("GET", "/api/me");
      return { status: response.status, body: await response.json() };
    };
    expect(Me.parse((await me("admin")).body)).toEqual({ kind: "admin" });
    expect(Me.parse((await me("key")).body)).toEqual({ kind: "business", businessId });
    expect(Me.parse((await me("agent")).body)).toMatchObject({
      kind: "agent",
      businessId,
      agent: { name: "Anna" },
    });
    expect(Me.parse((await me("otherAgent")).body)).toMatchObject({ kind: "agent", businessId: otherId });
    for (const who of ["forged", "deleted"] as const) {
      const { status, body } = await me(who);
      expect(status).toBe(401);
      ErrorBody.parse(body);
    }
    expect((await fetch(`${server.url}/api/me`)).status).toBe(401);
  });
});

describe("agents", () => {
  test("the token is shown once; the list never holds it and says who is online", async () => {
    const agent = await createAgent(businessId, "  Bea ");
    expect(agent.name).toBe("Bea");
    expect(agent.token).toMatch(/^sa_\d+_[A-Za-z0-9_-]{32}$/);
    const list = AgentList.parse(
      await (await admin.call("GET", `/api/businesses/${businessId}/agents`)).json(),
    );
    const listed = list.agents.find((a) => a.id === agent.id);
    expect(listed).toEqual({ id: agent.id, name: "Bea", createdAt: agent.createdAt, online: false });
    expect(JSON.stringify(list)).not.toContain(agent.token);
  });

  test("an agent reads its business's sessions with mode and title; a deleted one at once cannot", async () => {
    const agent = await createAgent(businessId, "Carl");
    const session = newSessionId();
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${session}`);
    socket.send({ message: "Where is my order?" });
    await socket.next((f) => f.type === "message" && f.sender === "assistant");
    await socket.close();
    const asAgent = apiClient(server.url, agent.token);
    const list = SessionList.parse(
      await (await asAgent.call("GET", `/api/businesses/${businessId}/sessions`)).json(),
    );
    expect(list.sessions.find((s) => s.id === session)).toMatchObject({
      mode: "ai",
      title: "Where is my order?",
      unanswered: true,
    });
    expect((await asAgent.call("GET", `/api/businesses/${businessId}/sessions/${session}`)).status).toBe(200);
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/${agent.id}`)).status).toBe(204);
    expect((await asAgent.call("GET", `/api/businesses/${businessId}/sessions`)).status).toBe(401);
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/${agent.id}`)).status).toBe(404);
  });

  test("bad names and another business's agent ids are refused", async () => {
    for (const body of [{}, { name: "" }, { name: "x".repeat(81) }, { name: 5 }, { name: "a", extra: 1 }]) {
      expect((await admin.call("POST", `/api/businesses/${businessId}/agents`, body)).status).toBe(400);
    }
    const theirs = await createAgent(otherId, "Theo");
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/${theirs.id}`)).status).toBe(
      404,
    );
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/abc`)).status).toBe(404);
  });
});
