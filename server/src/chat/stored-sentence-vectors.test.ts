import { expect, test } from "bun:test";
import type { Message, ServerFrame } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { recordingEmbedder } from "../testing/recording-embedder";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

// Offline answers (no chat model) over an embedder that records what reaches it.
const { embedder, calls, texts } = recordingEmbedder();
const isAnswer = (frame: ServerFrame): frame is Message =>
  frame.type === "message" && frame.sender === "assistant";

async function ask(server: TestServer, businessId: number, question: string): Promise<Message> {
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  socket.send({ type: "user", message: question });
  const answer = (await socket.next(isAnswer)) as Message;
  await socket.close();
  return answer;
}

const storedRows = async (server: TestServer, documentId: number) =>
  (await server.deps.repos.sentenceVectors.hashesOf(documentId, embedder.id)).size;

test("after ingestion, even in a fresh process, an offline answer embeds only its question; deleting the document deletes its vectors", async () => {
  const question = "Can unworn shoes be returned for a refund?";
  const first = await startTestServer({ overrides: { embedder, chatModel: null } });
  let second: TestServer | undefined;
  try {
    const admin = apiClient(first.url, first.adminToken);
    const businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
    const doc = await admin.uploadDocument(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
    expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");
    await first.deps.sentenceFill!.idle();
    expect(await storedRows(first, doc.id)).toBeGreaterThan(0);
    calls.length = 0;
    const before = await ask(first, businessId, question);
    // Search embeds the question; the answerer reuses that vector and reads its sentences' vectors.
    expect(texts()).toEqual([question]);
    await first.stop();

    // Nothing in memory: the vectors come from the database.
    second = await startTestServer({ dataDir: first.dataDir, overrides: { embedder, chatModel: null } });
    calls.length = 0;
    const after = await ask(second, businessId, question);
    expect(after.message).toBe(before.message);
    expect(texts()).toEqual([question]);

    const deleted = await apiClient(second.url, second.adminToken).call(
      "DELETE",
      `/api/businesses/${businessId}/documents/${doc.id}`,
    );
    expect(deleted.status).toBe(204);
    expect(await storedRows(second, doc.id)).toBe(0);
  } finally {
    await (second ?? first).stop({ removeData: true });
  }
});
