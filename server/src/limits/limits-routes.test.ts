import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { LimitsReport } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isError, isUserEcho, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // A cap of 10 a day: one chat may send 2 (20 %), one address 3 (30 %).
  server = await startTestServer({
    env: {
      SUPPORTAL_SESSION_RATE_PER_MINUTE: "100",
      SUPPORTAL_SESSION_DAILY_SHARE: "20",
      SUPPORTAL_IP_DAILY_SHARE: "30",
    },
  });
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server.stop({ removeData: true }));

async function chat(businessId: number) {
  const session = newSessionId();
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${session}`);
  /** Sends one message and waits for its answer or its refusal. */
  const say = async (message: string) => {
    const from = socket.frames.length;
    const clientId = crypto.randomUUID();
    socket.send({ type: "user", message, clientId });
    return socket.next((f) => isAssistant(f) || (isError(f) && f.clientId === clientId), { from });
  };
  return { session, socket, say };
}

const report = (businessId: number) => admin.get(LimitsReport, "GET", `/api/businesses/${businessId}/limits`);

describe("each visitor's share of the daily cap", () => {
  test("one chat, then one address, use up their shares while the business stays open to others", async () => {
    const business = await admin.createBusiness({ name: "Shared", dailyMessageLimit: 10 });
    const first = await chat(business.id);
    expect((await first.say("one")).type).toBe("message");
    expect((await first.say("two")).type).toBe("message");
    const refused = await first.say("three");
    expect(refused).toMatchObject({ type: "error", code: "daily_limit_reached" });
    expect(refused.type === "error" && refused.message).toContain("one visitor");

    // Another chat from the same address still speaks, until the address's share (3) is used.
    const second = await chat(business.id);
    expect((await second.say("four")).type).toBe("message");
    expect(await second.say("five")).toMatchObject({ code: "daily_limit_reached" });

    const limits = await report(business.id);
    expect(limits.today).toMatchObject({ messages: 3, dailyLimit: 10, sessionLimit: 2, ipLimit: 3 });
    const hits = new Map(limits.capHits.map((hit) => [hit.scope, hit]));
    expect(hits.get("session")).toMatchObject({ sessionId: first.session, ip: "127.0.0.1", refused: 1 });
    expect(hits.get("ip")).toMatchObject({ sessionId: second.session, ip: "127.0.0.1", refused: 1 });
    expect(hits.has("business")).toBe(false);
    await first.socket.close();
    await second.socket.close();
  });

  test("the business's own cap records when it was reached and who had sent the most", async () => {
    const business = await admin.createBusiness({ name: "Tiny", dailyMessageLimit: 1 });
    const visitor = await chat(business.id);
    expect((await visitor.say("only one")).type).toBe("message");
    const refused = await visitor.say("and another");
    expect(refused).toMatchObject({ code: "daily_limit_reached" });
    expect(refused.type === "error" && refused.message).toContain("limit for today");
    await visitor.say("still trying");
    const [hit] = (await report(business.id)).capHits;
    expect(hit).toMatchObject({ scope: "business", sessionId: visitor.session, refused: 2 });
    expect(hit?.topVisitors).toEqual([
      { kind: "ip", id: "127.0.0.1", messages: 1 },
      { kind: "session", id: visitor.session, messages: 1 },
    ]);
    await visitor.socket.close();
  });

  test("a burst sent before any answer cannot pass a share: queued messages hold their places", async () => {
    const business = await admin.createBusiness({ name: "Burst", dailyMessageLimit: 10 });
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${business.id}/${newSessionId()}`);
    await socket.next((f) => f.type === "history");
    for (let i = 0; i < 4; i++) socket.send({ type: "user", message: `burst ${i}`, clientId: `b${i}` });
    await socket.next((f) => socket.frames.filter(isAssistant).length === 2 && isAssistant(f));
    const refusals = socket.frames.filter(isError);
    expect(refusals.map((f) => [f.code, f.clientId])).toEqual([
      ["daily_limit_reached", "b2"],
      ["daily_limit_reached", "b3"],
    ]);
    expect(socket.frames.filter(isUserEcho).map((f) => f.clientId)).toEqual(["b0", "b1"]);
    await socket.close();
  });

  test("the report is the owner's: another business's key is 403", async () => {
    const mine = await admin.createBusiness({ name: "Mine" });
    const theirs = await admin.createBusiness({ name: "Theirs" });
    const response = await apiClient(server.url, theirs.apiKey).call(
      "GET",
      `/api/businesses/${mine.id}/limits`,
    );
    expect(response.status).toBe(403);
  });
});
