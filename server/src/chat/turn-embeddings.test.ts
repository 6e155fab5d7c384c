import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Document, Message, ServerFrame } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { recordingEmbedder } from "../testing/recording-embedder";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

// Offline answers (no chat model) over an embedder that records what reaches it.
const { embedder, calls, texts } = recordingEmbedder();
let server: TestServer;
let businessId: number;
const isAnswer = (frame: ServerFrame): frame is Message =>
  frame.type === "message" && frame.sender === "assistant";

beforeAll(async () => {
  server = await startTestServer({ overrides: { embedder, chatModel: null } });
  const admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
  const upload = await admin.upload(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, ((await upload.json()) as Document).id)).status).toBe(
    "ready",
  );
});
afterAll(() => server.stop({ removeData: true }));

async function ask(question: string): Promise<Message> {
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  socket.send({ type: "user", message: question });
  const answer = (await socket.next(isAnswer)) as Message;
  await socket.close();
  return answer;
}

test("an offline turn embeds its question once, and a repeated question's passage is not embedded again", async () => {
  const question = "Can unworn shoes be returned for a refund?";
  calls.length = 0;
  const first = await ask(question);
  expect(first.sources?.length).toBeGreaterThan(0);
  const embedded = texts();
  // Search embeds the question; the answerer reuses that vector instead of embedding it again.
  expect(embedded.filter((text) => text === question)).toHaveLength(1);
  calls.length = 0;
  const again = await ask(question);
  expect(again.message).toBe(first.message);
  expect(calls).toEqual([]);
});
