import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Message, SearchAnswer } from "@supportal/shared";
import { createOfflineEmbedder } from "../providers/offline-embedder";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { type OpenAIStub, type StubMessage, startOpenAIStub } from "../testing/openai-stub";
import { startTestServer, type TestServer } from "../testing/test-server";
import {
  isAssistant,
  isError,
  isHistory,
  isSystemNotice,
  newSessionId,
  openSocket,
} from "../testing/ws-client";

// The answers come from the real `openai` SDK talking SSE to a loopback stub; retrieval stays on the
// offline embedder so that the stub only ever sees chat requests.
let stub: OpenAIStub;
let server: TestServer;
let businessId: number;
let admin: ReturnType<typeof apiClient>;

const FAQ = SHOE_FAQ;

const REWRITTEN = "Which shoe size should I order?";
const chatUrl = (session: string) => `${server.wsUrl}/ws/chat/${businessId}/${session}`;

/** The number the prompt gave the source under `heading`, as the model would cite it. */
function sourceNumber(messages: StubMessage[], heading: string): number {
  const system = String(messages[0]?.content ?? "");
  const match = new RegExp(`\\[(\\d+)\\] \\([^)]*${heading}`).exec(system);
  if (!match) throw new Error(`no source under ${heading} in the prompt`);
  return Number(match[1]);
}

/** A model that rewrites follow-ups about sizes, and answers from the source ranked first. */
function scriptedModel(messages: StubMessage[]): string[] {
  const system = String(messages[0]?.content ?? "");
  const question = String(messages.at(-1)?.content ?? "");
  if (system.startsWith("Rewrite the customer's last message"))
    return [/pick/i.test(question) ? REWRITTEN : question];
  if (/\[1\] \([^)]*Sizes/.test(system))
    return ["Order ", "half a size up ", `[${sourceNumber(messages, "Sizes")}].`];
  return ["You have ", "thirty days ", "to return unworn shoes ", `[${sourceNumber(messages, "Returns")}].`];
}

beforeAll(async () => {
  stub = startOpenAIStub({ apiKey: "sk-test" });
  server = await startTestServer({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, SUPPORTAL_MODEL_TIMEOUT_MS: "1500" },
    overrides: { embedder: createOfflineEmbedder({ workers: 1 }) },
  });
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({
    name: "Shoe Shop",
    systemPrompt: "You are Sam, the cheerful helper of the Shoe Shop.",
  });
  businessId = business.id;
  const uploaded = await admin.uploadDocument(businessId, new TextEncoder().encode(FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
});
afterAll(async () => {
  await server.stop({ removeData: true });
  await stub.stop();
});

function resetStub() {
  stub.script.reply = scriptedModel;
  stub.script.failures = [];
  stub.script.firstByteDelayMs = 0;
  stub.script.chunkDelayMs = 0;
  stub.script.hang = false;
  stub.requests.length = 0;
}

describe("chat with an OpenAI-compatible model", () => {
  test("streams the model's pieces and keeps only the sources it cites", async () => {
    resetStub();
    // Pieces that arrive apart go out apart (those of one network read go out as one delta).
    stub.script.chunkDelayMs = 15;
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    const answer = await socket.next(isAssistant);
    const deltas = socket.frames.filter((f) => f.type === "delta").map((f) => f.delta);
    expect(deltas.length).toBeGreaterThanOrEqual(4);
    expect(deltas.join("")).toBe(answer.message);
    expect(answer.message).toStartWith("You have thirty days");
    expect(answer.sources?.map((s) => s.heading)).toEqual(["Returns"]);

    const [request] = stub.requestsTo("/chat/completions");
    expect(request?.body?.stream).toBe(true);
    const messages = request?.body?.messages ?? [];
    expect(messages[0]?.role).toBe("system");
    expect(String(messages[0]?.content)).toContain("You are Sam, the cheerful helper");
    expect(String(messages[0]?.content)).toContain("within thirty days of delivery");
    expect(messages.at(-1)).toEqual({ role: "user", content: "How long do I have to return shoes?" });
    await socket.close();
  });

  test("a follow-up is rewritten into a standalone query before retrieval", async () => {
    resetStub();
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    await socket.next(isAssistant);
    // On its own this follow-up finds nothing about sizes; only the rewritten query does.
    const search = { query: "and which one should I pick?", k: 1 };
    const raw = await admin.get(SearchAnswer, "POST", `/api/businesses/${businessId}/search`, search);
    expect(raw.results[0]?.heading).not.toBe("Sizes");
    socket.send({ type: "user", message: "and which one should I pick?" });
    const second = await socket.next((f): f is Message => isAssistant(f) && !f.message.includes("thirty"));

    const calls = stub.requestsTo("/chat/completions");
    const rewrite = calls.find((c) => String(c.body?.messages?.[0]?.content).startsWith("Rewrite"));
    expect(rewrite).toBeDefined();
    // The rewrite sees the earlier turns, so it can resolve "what about".
    expect(JSON.stringify(rewrite?.body?.messages)).toContain("return shoes");
    expect(second.message).toContain("half a size up");
    expect(second.sources?.map((s) => s.heading)).toEqual(["Sizes"]);
    // The answer itself is asked with the customer's own words, and with the history.
    const final = calls.at(-1)?.body?.messages ?? [];
    expect(final.at(-1)).toEqual({ role: "user", content: "and which one should I pick?" });
    expect(final.some((m) => m.role === "assistant")).toBe(true);
    await socket.close();
  });

  test("one transient failure is retried; persistent failure is an error frame and a stored notice", async () => {
    resetStub();
    stub.script.failures = [{ status: 503 }];
    const retried = await openSocket(chatUrl(newSessionId()));
    retried.send({ type: "user", message: "How long do I have to return shoes?" });
    expect((await retried.next(isAssistant)).message).toContain("thirty days");
    expect(stub.requestsTo("/chat/completions")).toHaveLength(2);
    await retried.close();

    resetStub();
    stub.script.failures = [{ status: 500 }, { status: 500 }, { status: 500 }];
    const session = newSessionId();
    const failing = await openSocket(chatUrl(session));
    failing.send({ type: "user", message: "How long do I have to return shoes?" });
    const error = await failing.next(isError);
    expect(error).toMatchObject({ type: "error", code: "model_unavailable" });
    const notice = await failing.next(isSystemNotice);
    expect(notice.message.length).toBeGreaterThan(10);
    await failing.close();

    // The session survives: its history keeps the question and the notice, and the next turn answers.
    const again = await openSocket(chatUrl(session));
    const history = await again.next(isHistory);
    expect(history.type === "history" && history.messages.map((m) => m.sender)).toEqual(["user", "system"]);
    again.send({ type: "user", message: "How long do I have to return shoes?" });
    expect((await again.next(isAssistant)).message).toContain("thirty days");
    await again.close();
  });

  test("a refused API key: the visitor reads a generic sentence, the log names the model and the key", async () => {
    resetStub();
    stub.script.failures = [{ status: 401 }];
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    try {
      const socket = await openSocket(chatUrl(newSessionId()));
      socket.send({ type: "user", message: "How long do I have to return shoes?" });
      const error = await socket.next((f) => f.type === "error");
      expect(error).toMatchObject({ type: "error", code: "model_unavailable" });
      const message = error.type === "error" ? error.message : "";
      expect(message).not.toMatch(/gpt-4o-mini|API key|HTTP|401/i);
      expect(logged.join("\n")).toMatch(/gpt-4o-mini.*API key/);
      await socket.close();
    } finally {
      console.error = original;
    }
  });

  test("a model that does not answer in time gives model_unavailable; other sessions are unaffected", async () => {
    resetStub();
    stub.script.firstByteDelayMs = 5000;
    const slow = await openSocket(chatUrl(newSessionId()));
    const started = Date.now();
    slow.send({ type: "user", message: "How long do I have to return shoes?" });
    expect(await slow.next(isError, { timeoutMs: 15_000 })).toMatchObject({
      code: "model_unavailable",
    });
    // Timeout 1.5 s, one retry: well before the stub's 5 s per attempt.
    expect(Date.now() - started).toBeLessThan(4900);
    await slow.close();

    stub.script.firstByteDelayMs = 0;
    const other = await openSocket(chatUrl(newSessionId()));
    other.send({ type: "user", message: "How long do I have to return shoes?" });
    expect((await other.next(isAssistant)).message).toContain("thirty days");
    await other.close();
  });

  test("closing the last socket of a session cancels the model's stream", async () => {
    resetStub();
    stub.script.chunkDelayMs = 150;
    stub.script.reply = Array.from({ length: 40 }, (_, i) => `word${i} `);
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    await socket.next((f) => f.type === "delta");
    await socket.close();
    const [request] = stub.requestsTo("/chat/completions");
    expect(await request?.settled).toBe("disconnected");
    expect(request?.framesSent ?? 0).toBeLessThan(40);
  });

  test("a question the documents do not cover is answered honestly without asking the model", async () => {
    resetStub();
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: "What is the capital of Mongolia?" });
    const answer = await socket.next(isAssistant);
    expect(answer.message).toMatch(/couldn't find/i);
    expect(answer.sources ?? []).toEqual([]);
    expect(stub.requestsTo("/chat/completions")).toHaveLength(0);
    await socket.close();
  });

  test("the model may hand the conversation to a person: the marker never reaches the visitor", async () => {
    resetStub();
    stub.script.reply = (messages) => {
      const system = String(messages[0]?.content ?? "");
      if (system.startsWith("Rewrite the customer's last message")) return [String(messages.at(-1)?.content)];
      // The instruction is there only because this business hands chats to people.
      if (!system.includes("[[handoff]]")) return ["no instruction"];
      return /refund/i.test(String(messages.at(-1)?.content))
        ? [" [[hand", "off]]"]
        : ["[1] says ", "thirty days."];
    };
    const socket = await openSocket(chatUrl(newSessionId()));
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    const plain = await socket.next(isAssistant);
    // An opening that only starts like the marker is streamed as it is.
    expect(plain.message).toBe("[1] says thirty days.");
    const from = socket.frames.length;
    socket.send({
      type: "user",
      message: "I returned shoes a month ago and still have no refund, return policy?",
    });
    const answer = await socket.next(isAssistant, { from });
    expect(answer.message).toContain("Nobody from Shoe Shop's team is available right now");
    expect(answer.sources ?? []).toEqual([]);
    const deltas = socket.frames.slice(from).filter((f) => f.type === "delta");
    expect(deltas.map((f) => f.delta).join("")).toBe(answer.message);
    expect(JSON.stringify(socket.frames)).not.toContain("[[hand");
    await socket.next((f) => f.type === "status" && f.mode === "waiting", { from });
    await socket.close();
  });
});
