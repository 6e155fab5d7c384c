import { afterAll, beforeAll, expect, test } from "bun:test";
import { createOfflineEmbedder } from "../providers/offline-embedder";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { type OpenAIStub, startOpenAIStub } from "../testing/openai-stub";
import { startTestServer, type TestServer } from "../testing/test-server";
import { handshakeStatus, isAssistant, isError, newSessionId, openSocket } from "../testing/ws-client";

// A slow model keeps one answer running, so the queue behind it can be observed.
let stub: OpenAIStub;
let server: TestServer;
let businessId: number;
const chatUrl = (session: string) => `${server.wsUrl}/ws/chat/${businessId}/${session}`;

beforeAll(async () => {
  stub = startOpenAIStub({
    script: { chunkDelayMs: 100, reply: Array.from({ length: 8 }, () => "slowly ") },
  });
  server = await startTestServer({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, SUPPORTAL_MAX_SOCKETS_PER_IP: "2" },
    overrides: { embedder: createOfflineEmbedder({ workers: 1 }) },
  });
  const admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
  const doc = await admin.uploadDocument(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");
});
afterAll(async () => {
  await server.stop({ removeData: true });
  await stub.stop();
});

test("a session answers one question at a time: three wait their turn, a fifth is refused as busy", async () => {
  const socket = await openSocket(chatUrl(newSessionId()));
  for (let i = 0; i < 5; i++) socket.send({ type: "user", message: "How long do I have to return shoes?" });
  expect(await socket.next(isError)).toMatchObject({ code: "busy" });
  // The four accepted questions are all answered, in order.
  await socket.next((f) => socket.frames.filter(isAssistant).length === 4 && isAssistant(f), {
    timeoutMs: 30_000,
  });
  expect(socket.frames.filter((f) => f.type === "message" && f.sender === "user")).toHaveLength(4);
  await socket.close();
});

test("sockets per IP are capped with a 429 before the upgrade", async () => {
  const first = await openSocket(chatUrl(newSessionId()));
  const second = await openSocket(chatUrl(newSessionId()));
  expect(await handshakeStatus(chatUrl(newSessionId()))).toBe(429);
  await first.close();
  // A closed socket frees its place.
  const deadline = Date.now() + 5000;
  while ((await handshakeStatus(chatUrl(newSessionId()))) !== 101) {
    if (Date.now() > deadline) throw new Error("the freed place was never given back");
    await Bun.sleep(50);
  }
  await second.close();
});
