import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Document, type Message, SearchAnswer, type ServerFrame } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { suiteOnPostgres } from "../testing/test-database";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;

const isAssistant = (f: ServerFrame): f is Message => f.type === "message" && f.sender === "assistant";
const chatUrl = () => `${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`;

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
  const response = await admin.upload(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  const uploaded = z.parse(Document, await response.json());
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

describe("questions in double quotes", () => {
  test("REST search answers 200 with the same results as without quotes", async () => {
    const search = async (query: string) => {
      const response = await admin.call("POST", `/api/businesses/${businessId}/search`, { query, k: 3 });
      expect(response.status).toBe(200);
      return z.parse(SearchAnswer, await response.json()).results;
    };
    for (const mode of ["text", "hybrid"] as const) {
      const quoted = await admin.call("POST", `/api/businesses/${businessId}/search`, {
        query: '"refund"',
        mode,
      });
      expect(quoted.status).toBe(200);
    }
    const plain = await search("refund card");
    expect(plain[0]?.heading).toBe("Returns");
    expect((await search('"refund" "card"')).map((r) => r.chunkIndex)).toEqual(
      plain.map((r) => r.chunkIndex),
    );
  });

  test("the chat answers a quoted question instead of an error frame", async () => {
    const socket = await openSocket(chatUrl());
    socket.send({ type: "user", message: '"returned"' });
    const answer = (await socket.next((f) => isAssistant(f) || f.type === "error")) as ServerFrame;
    expect(answer.type).toBe("message");
    expect(isAssistant(answer) && answer.message).toContain("thirty days");
    await socket.close();
  });
});

// The faults are SQLite's own (PRAGMA max_page_count, query_only); on PostgreSQL the same mapping
// reads its SQLSTATEs (storage-failure.test.ts).
describe.skipIf(suiteOnPostgres())("a message that cannot be stored is reported by its real kind", () => {
  /** Sends one message with the database made to fail, and returns the frame the visitor got. */
  async function sendWhileFailing(fail: () => () => void, message = "Where is my parcel?") {
    const socket = await openSocket(chatUrl());
    await socket.next((f) => f.type === "history");
    const restore = fail();
    try {
      socket.send({ type: "user", message });
      const error = await socket.next((f) => f.type === "error");
      // Not stored, so never echoed as if it were.
      expect(socket.frames.some((f) => f.type === "message")).toBe(false);
      return { socket, error };
    } finally {
      restore();
    }
  }

  async function expectNextTurnWorks(socket: Awaited<ReturnType<typeof openSocket>>) {
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    expect(((await socket.next(isAssistant)) as Message).message).toContain("thirty days");
    await socket.close();
  }

  test("a full database: insufficient_storage with a plain sentence, and the next message works", async () => {
    const sqlite = server.deps.sqlite!.$client;
    const { socket, error } = await sendWhileFailing(() => {
      const { page_count } = sqlite.query("PRAGMA page_count").get() as { page_count: number };
      // SQLite refuses to grow past this with SQLITE_FULL, exactly as on a full disk.
      sqlite.exec(`PRAGMA max_page_count = ${page_count}`);
      return () => sqlite.exec("PRAGMA max_page_count = 1073741823");
    }, "ü".repeat(4000)); // 8000 bytes need new pages, whatever room the last ones have left.
    expect(error).toMatchObject({ type: "error", code: "insufficient_storage" });
    expect(error.type === "error" && error.message).not.toMatch(/disk|sqlite|database/i);
    await expectNextTurnWorks(socket);
  });

  test("a read-only database: insufficient_storage too, never model_unavailable", async () => {
    const sqlite = server.deps.sqlite!.$client;
    const { socket, error } = await sendWhileFailing(() => {
      sqlite.exec("PRAGMA query_only = 1");
      return () => sqlite.exec("PRAGMA query_only = 0");
    });
    expect(error).toMatchObject({ type: "error", code: "insufficient_storage" });
    await expectNextTurnWorks(socket);
  });
});
