import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Transcript } from "@supportal/shared";
import { createOfflineEmbedder } from "../providers/offline-embedder";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { type OpenAIStub, type StreamFault, startOpenAIStub } from "../testing/openai-stub";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isError, isSystemNotice, newSessionId, openSocket } from "../testing/ws-client";

// Faults of the model API as a visitor meets them: the real `openai` SDK over real HTTP to a
// loopback stub that breaks its answers on purpose. Each turn must end in a clear error frame about
// that question, and the same socket must get the next answer.
let stub: OpenAIStub;
let server: TestServer;
let businessId: number;
let admin: ReturnType<typeof apiClient>;

const QUESTION = "How long do I have to return shoes?";
const ANSWER = ["You have ", "thirty days ", "to return ", "unworn shoes."];
const chatUrl = (session: string) => `${server.wsUrl}/ws/chat/${businessId}/${session}`;

beforeAll(async () => {
  stub = startOpenAIStub({ script: { reply: ANSWER } });
  server = await startTestServer({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, SUPPORTAL_MODEL_TIMEOUT_MS: "1000" },
    overrides: { embedder: createOfflineEmbedder({ workers: 1 }) },
  });
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
  const uploaded = await admin.uploadDocument(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
});
afterAll(async () => {
  await server.stop({ removeData: true });
  await stub.stop();
});

/** Asks once into a broken answer, then again: an error frame for the first, a whole answer for the second. */
async function faultThenRecovery(fault: StreamFault) {
  stub.requests.length = 0;
  stub.script.streamFaults = [fault];
  const session = newSessionId();
  const socket = await openSocket(chatUrl(session));
  socket.send({ type: "user", message: QUESTION, clientId: "first" });
  const error = await socket.next(isError);
  expect(error).toMatchObject({ code: "model_unavailable", clientId: "first" });
  const notice = await socket.next(isSystemNotice);
  // The pieces that did arrive stay deltas; no answer is stored from them.
  const deltas = socket.frames.filter((frame) => frame.type === "delta").map((frame) => frame.delta);
  expect(deltas.join("")).toBe(ANSWER.slice(0, fault.afterPieces).join(""));
  expect(socket.frames.some(isAssistant)).toBe(false);

  const from = socket.frames.length;
  socket.send({ type: "user", message: QUESTION, clientId: "second" });
  const answer = await socket.next(isAssistant, { from });
  expect(answer.message).toBe(ANSWER.join(""));
  expect(socket.frames.slice(from).some(isError)).toBe(false);
  await socket.close();

  const stored = await admin.get(Transcript, "GET", `/api/businesses/${businessId}/sessions/${session}`);
  expect(stored.messages.map((m) => [m.sender, m.message])).toEqual([
    ["user", QUESTION],
    ["system", notice.message],
    ["user", QUESTION],
    ["assistant", ANSWER.join("")],
  ]);
}

describe("a model answer that breaks mid-stream ends the turn with an error frame; the next question works", () => {
  test("a malformed server-sent event", () => faultThenRecovery({ afterPieces: 2, kind: "malformed" }));
  test("a stall: no more bytes after two pieces (the stall timeout ends it)", () =>
    faultThenRecovery({ afterPieces: 2, kind: "stall" }));
  test("a dropped connection (reset)", () => faultThenRecovery({ afterPieces: 2, kind: "drop" }));
  test("a body that ends cleanly before the finish event is not taken for a whole answer", () =>
    faultThenRecovery({ afterPieces: 2, kind: "truncate" }));
});

describe("a 429 from the model", () => {
  test("with a short retry-after: waited out, retried once, answered", async () => {
    stub.requests.length = 0;
    stub.script.failures = [{ status: 429, retryAfterSeconds: 0.3 }];
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: QUESTION });
    expect((await socket.next(isAssistant)).message).toBe(ANSWER.join(""));
    expect(stub.requestsTo("/chat/completions").map((request) => request.outcome)).toEqual([
      "failed",
      "answered",
    ]);
    await socket.close();
  });

  test("with a retry-after longer than a visitor should wait: an error frame at once, then answers again", async () => {
    stub.requests.length = 0;
    stub.script.failures = [{ status: 429, retryAfterSeconds: 45 }];
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: QUESTION, clientId: "limited" });
    expect(await socket.next(isError)).toMatchObject({ code: "model_unavailable", clientId: "limited" });
    // Not retried: the SDK would have slept the 45 s first.
    expect(stub.requestsTo("/chat/completions")).toHaveLength(1);
    await socket.next(isSystemNotice);
    const from = socket.frames.length;
    socket.send({ type: "user", message: QUESTION });
    expect((await socket.next(isAssistant, { from })).message).toBe(ANSWER.join(""));
    await socket.close();
  });
});
