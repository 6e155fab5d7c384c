import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop({ removeData: true }));

// Counted through the repositories, so the test holds on either database.
const rowsOf = async (table: "documents" | "sessions" | "messages", businessId: number) => {
  const { repos } = server.deps;
  if (table === "documents") return (await repos.documents.listDocumentRows(businessId)).length;
  if (table === "sessions") return (await repos.transcripts.listSessionSummaries(businessId)).length;
  // Every message contains the empty text.
  return (await repos.transcripts.searchMessages(businessId, "", 10_000)).length;
};

test("deleting a business removes its documents, files, vectors, sessions and live sockets", async () => {
  const admin = apiClient(server.url, server.adminToken);
  const doomed = await admin.createBusiness({ name: "Doomed" });
  const kept = await admin.createBusiness({ name: "Kept" });
  const text = new TextEncoder().encode("Our shop opens at nine in the morning and closes at six.");
  for (const business of [doomed, kept]) {
    const doc = await admin.uploadDocument(business.id, text, "hours.txt");
    expect((await admin.waitForDocument(business.id, doc.id)).status).toBe("ready");
  }
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${doomed.id}/${newSessionId()}`);
  socket.send({ type: "user", message: "When does the shop open?" });
  await socket.next(isAssistant);
  expect(await rowsOf("sessions", doomed.id)).toBe(1);
  expect(await server.deps.store.countRows(doomed.id)).toBeGreaterThan(0);

  expect((await admin.call("DELETE", `/api/businesses/${doomed.id}`)).status).toBe(204);

  expect(await rowsOf("documents", doomed.id)).toBe(0);
  expect(await rowsOf("sessions", doomed.id)).toBe(0);
  expect(await rowsOf("messages", doomed.id)).toBe(0);
  expect(await server.deps.store.countRows(doomed.id)).toBe(0);
  const fileDirs = await readdir(join(server.dataDir, "files"));
  expect(fileDirs).not.toContain(String(doomed.id));
  expect(fileDirs).toContain(String(kept.id));
  await socket.closed;
  expect(socket.isOpen).toBe(false);
  // The other business is untouched.
  expect(await rowsOf("documents", kept.id)).toBe(1);
  expect(await server.deps.store.countRows(kept.id)).toBeGreaterThan(0);
});
