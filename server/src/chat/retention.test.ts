import { afterAll, describe, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { Business, SessionList, Transcript, TranscriptExport } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { suiteOnPostgres } from "../testing/test-database";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId } from "../testing/ws-client";
import { startRetentionSweep } from "./retention-sweep";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const server of servers) await rm(server.dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, dataDir?: string) {
  const server = await startTestServer({ env, dataDir });
  servers.push(server);
  return server;
}

/** Stores an answer (not a question: one left unanswered would get a notice at the next start). */
async function say(server: TestServer, businessId: number, sessionId: string, message: string, at: string) {
  await server.deps.repos.sessions.appendMessage({
    id: crypto.randomUUID(),
    businessId,
    sessionId,
    sender: "assistant",
    message,
    now: at,
  });
}

describe("retention", () => {
  test("at start, the sweep deletes what is older than each business's retention", async () => {
    const first = await start();
    const admin = apiClient(first.url, first.adminToken);
    const short = (await admin.createBusiness({ name: "Short", retentionDays: 7 })).id;
    const patched = await admin.call("PATCH", `/api/businesses/${short}`, { retentionDays: 10 });
    expect(z.parse(Business, await patched.json()).retentionDays).toBe(10);
    const usual = (await admin.createBusiness({ name: "Usual" })).id;
    const old = newSessionId();
    const mixed = newSessionId();
    for (const businessId of [short, usual]) {
      await say(first, businessId, old, "an old question", daysAgo(40));
      await say(first, businessId, mixed, "a question of two weeks ago", daysAgo(14));
      await say(first, businessId, mixed, "a question of today", daysAgo(0));
    }
    await first.stop();

    // 30 days by default; the short business keeps 10.
    const second = await start({ SUPPORTAL_RETENTION_DAYS: "30" }, first.dataDir);
    const again = apiClient(second.url, second.adminToken);
    const sessionsOf = async (businessId: number) =>
      z.parse(SessionList, await (await again.call("GET", `/api/businesses/${businessId}/sessions`)).json())
        .sessions;
    const textsOf = async (businessId: number, sessionId: string) =>
      z
        .parse(
          Transcript,
          await (await again.call("GET", `/api/businesses/${businessId}/sessions/${sessionId}`)).json(),
        )
        .messages.map((m) => m.message);

    expect((await sessionsOf(usual)).map((s) => [s.id, s.messageCount])).toEqual([[mixed, 2]]);
    expect(await textsOf(usual, mixed)).toEqual(["a question of two weeks ago", "a question of today"]);
    expect((await sessionsOf(short)).map((s) => [s.id, s.messageCount])).toEqual([[mixed, 1]]);
    expect(await textsOf(short, mixed)).toEqual(["a question of today"]);
    expect((await again.call("GET", `/api/businesses/${short}/sessions/${old}`)).status).toBe(404);
  });

  test("the sweep runs again on its schedule, against the clock", async () => {
    const server = await start();
    const { id } = await apiClient(server.url, server.adminToken).createBusiness({
      name: "Ticking",
      retentionDays: 1,
    });
    const session = newSessionId();
    await say(server, id, session, "said just now", new Date().toISOString());
    let clock = Date.now();
    const stop = await startRetentionSweep(server.deps.repos.retention, {
      everyMs: 20,
      now: () => new Date(clock),
      defaultDays: null,
    });
    try {
      await Bun.sleep(100);
      expect(await server.deps.repos.sessions.listSessionMessages(id, session)).toHaveLength(1);
      clock += 2 * DAY;
      const deadline = Date.now() + 5000;
      while (
        (await server.deps.repos.sessions.listSessionMessages(id, session)).length > 0 &&
        Date.now() < deadline
      )
        await Bun.sleep(20);
      expect(await server.deps.repos.sessions.listSessionMessages(id, session)).toHaveLength(0);
    } finally {
      stop();
    }
  });

  test("no retention set anywhere: nothing is deleted", async () => {
    const server = await start();
    const admin = apiClient(server.url, server.adminToken);
    const { id } = await admin.createBusiness({ name: "Forever" });
    await say(server, id, newSessionId(), "from long ago", daysAgo(3000));
    await server.stop();
    const again = await start({}, server.dataDir);
    const list = await apiClient(again.url, again.adminToken).call("GET", `/api/businesses/${id}/sessions`);
    expect(z.parse(SessionList, await list.json()).sessions).toHaveLength(1);
  });

  test("retentionDays outside 1-36500 is a 400", async () => {
    const server = await start();
    const admin = apiClient(server.url, server.adminToken);
    for (const retentionDays of [0, -1, 36_501, 1.5]) {
      expect((await admin.call("POST", "/api/businesses", { name: "Bad", retentionDays })).status).toBe(400);
    }
  });
});

// 100,000 rows are loaded through SQLite's own client in a second; on PostgreSQL the contract test
// covers the export's paging (sessionPage) instead.
describe.skipIf(suiteOnPostgres())("the export streams", () => {
  test("more than 100,000 messages export whole, in JSON and CSV, as a stream", async () => {
    const server = await start();
    const admin = apiClient(server.url, server.adminToken);
    const { id } = await admin.createBusiness({ name: "Busy" });
    const total = 100_050;
    const insertSession = server.deps.sqlite!.$client.query(
      "insert into sessions (business_id, id, created_at, message_count) values (?, ?, ?, ?)",
    );
    const insertMessage = server.deps.sqlite!.$client.query(
      "insert into messages (id, business_id, session_id, sender, message, unanswered, created_at) values (?, ?, ?, 'user', ?, 0, ?)",
    );
    server.deps.sqlite!.$client.transaction(() => {
      for (let s = 0; s < total / 50; s++) {
        const session = `session-${String(s).padStart(6, "0")}-xxxxxx`;
        const at = new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();
        insertSession.run(id, session, at, 50);
        for (let m = 0; m < 50; m++) insertMessage.run(`${session}-${m}`, id, session, `message ${m}`, at);
      }
    })();

    const json = await admin.call("GET", `/api/businesses/${id}/messages/export?format=json`);
    expect(json.status).toBe(200);
    let pieces = 0;
    let text = "";
    const decoder = new TextDecoder();
    for await (const piece of json.body as unknown as AsyncIterable<Uint8Array>) {
      pieces++;
      text += decoder.decode(piece, { stream: true });
    }
    expect(pieces).toBeGreaterThan(1);
    const data = z.parse(TranscriptExport, JSON.parse(text));
    expect(data.sessions).toHaveLength(total / 50);
    expect(data.sessions.reduce((n, s) => n + s.messages.length, 0)).toBe(total);
    expect(data.sessions[0]?.messages[49]?.message).toBe("message 49");

    const csv = await admin.call("GET", `/api/businesses/${id}/messages/export?format=csv`);
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trimEnd().split("\r\n");
    expect(rows).toHaveLength(total + 1);
  }, 120_000);
});
