import { afterEach, describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import { type OpenAIStub, startOpenAIStub } from "../testing/openai-stub";
import type { ChatTurn } from "./chat-model";
import { createOpenAIChatModel } from "./openai-chat-model";
import { createOpenAIClient } from "./openai-client";

let stub: OpenAIStub;
afterEach(() => stub.stop());

const messages: ChatTurn[] = [
  { role: "system", content: "Answer from the documents." },
  { role: "user", content: "How do I reset my password?" },
];

function modelFor(options: { timeoutMs?: number; maxRetries?: number; maxRetryWaitMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const client = createOpenAIClient({
    baseURL: stub.url,
    timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    maxRetryWaitMs: options.maxRetryWaitMs,
  });
  return createOpenAIChatModel({ client, model: "gpt-4o-mini", timeoutMs });
}

async function collect(pieces: AsyncIterable<string>): Promise<string[]> {
  const seen: string[] = [];
  for await (const piece of pieces) seen.push(piece);
  return seen;
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );

test("stream() yields the model's pieces in order", async () => {
  stub = startOpenAIStub({ script: { reply: ["Open ", "Settings", ", then ", "Reset."] } });
  const model = modelFor();
  expect(await collect(model.stream({ messages }))).toEqual(["Open ", "Settings", ", then ", "Reset."]);
  expect(model.id).toBe("openai:gpt-4o-mini");
  expect(stub.requests[0]!.body).toMatchObject({ model: "gpt-4o-mini", stream: true, messages });
  expect(await stub.requests[0]!.settled).toBe("answered");
});

test("complete() returns the whole answer from a non-streamed call", async () => {
  stub = startOpenAIStub({ script: { reply: (sent) => `rewritten: ${sent.at(-1)?.content}` } });
  expect(await modelFor().complete({ messages })).toBe("rewritten: How do I reset my password?");
  expect(stub.requests[0]!.body?.stream).toBe(false);
});

test("an abort mid-stream rejects with the abort reason and closes the HTTP stream", async () => {
  const pieces = Array.from({ length: 50 }, (_, i) => `piece ${i} `);
  stub = startOpenAIStub({ script: { reply: pieces, chunkDelayMs: 30 } });
  const controller = new AbortController();
  const seen: string[] = [];
  const consuming = (async () => {
    for await (const piece of modelFor().stream({ messages, signal: controller.signal })) {
      seen.push(piece);
      if (seen.length === 2) controller.abort();
    }
  })();
  const error = await failureOf(consuming);
  expect(error).toMatchObject({ name: "AbortError" });
  expect(seen).toEqual(["piece 0 ", "piece 1 "]);
  expect(await stub.requests[0]!.settled).toBe("disconnected");
  // role + 50 pieces + finish + [DONE] had the stream run to its end.
  expect(stub.requests[0]!.framesSent).toBeLessThan(10);
});

test("a consumer that stops reading early also closes the HTTP stream", async () => {
  stub = startOpenAIStub({ script: { reply: Array(50).fill("word "), chunkDelayMs: 20 } });
  for await (const _ of modelFor().stream({ messages })) break;
  expect(await stub.requests[0]!.settled).toBe("disconnected");
});

test("a stream that stalls longer than the timeout fails with model_unavailable", async () => {
  stub = startOpenAIStub({ script: { reply: ["first", " second"], chunkDelayMs: 5_000 } });
  const started = performance.now();
  const error = await failureOf(collect(modelFor({ timeoutMs: 200 }).stream({ messages })));
  expect(performance.now() - started).toBeLessThan(1_500);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({
    code: "model_unavailable",
    message: expect.stringContaining("stopped answering"),
  });
  expect(await stub.requests[0]!.settled).toBe("disconnected");
});

test("no headers within the timeout: model_unavailable, quickly", async () => {
  stub = startOpenAIStub({ script: { firstByteDelayMs: 5_000 } });
  const started = performance.now();
  const error = await failureOf(collect(modelFor({ timeoutMs: 150, maxRetries: 0 }).stream({ messages })));
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(error).toMatchObject({
    code: "model_unavailable",
    message: expect.stringContaining("did not answer in time"),
  });
});

test("a 429 before the stream starts is retried", async () => {
  stub = startOpenAIStub({ script: { reply: "fine", failures: [{ status: 429, retryAfterSeconds: 0.05 }] } });
  expect(await collect(modelFor().stream({ messages }))).toEqual(["fine"]);
  expect(stub.requests.map((request) => request.outcome)).toEqual(["failed", "answered"]);
});

test("a 429 asking for a longer wait than allowed is not retried: model_unavailable at once", async () => {
  stub = startOpenAIStub({ script: { reply: "fine", failures: [{ status: 429, retryAfterSeconds: 30 }] } });
  const error = await failureOf(
    collect(modelFor({ maxRetries: 1, maxRetryWaitMs: 1_000 }).stream({ messages })),
  );
  expect(error).toMatchObject({ code: "model_unavailable", message: expect.stringContaining("rate limit") });
  expect(stub.requests).toHaveLength(1);
});

test("a 429 asking for a wait within the allowed one is retried once after it", async () => {
  stub = startOpenAIStub({ script: { reply: "fine", failures: [{ status: 429, retryAfterSeconds: 0.2 }] } });
  expect(await collect(modelFor({ maxRetries: 1, maxRetryWaitMs: 1_000 }).stream({ messages }))).toEqual([
    "fine",
  ]);
  expect(stub.requests.map((request) => request.outcome)).toEqual(["failed", "answered"]);
});

describe("a stream that breaks after two pieces fails with model_unavailable, never as a short answer", () => {
  const cases = [
    { kind: "drop", says: "cut off" },
    { kind: "truncate", says: "cut off" },
    { kind: "malformed", says: "could not be read" },
    { kind: "stall", says: "stopped answering" },
  ] as const;
  for (const { kind, says } of cases) {
    test(kind, async () => {
      stub = startOpenAIStub({
        script: { reply: ["one ", "two ", "three ", "four"], streamFaults: [{ afterPieces: 2, kind }] },
      });
      const seen: string[] = [];
      const consuming = (async () => {
        for await (const piece of modelFor({ timeoutMs: 300 }).stream({ messages })) seen.push(piece);
      })();
      const error = await failureOf(consuming);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "model_unavailable", message: expect.stringContaining(says) });
      expect(seen).toEqual(["one ", "two "]);
      // A stream that started is never retried: the pieces already went to the customer.
      expect(stub.requests).toHaveLength(1);
    });
  }
});

test("5xx after every retry, or no server at all: model_unavailable", async () => {
  stub = startOpenAIStub({
    script: { failures: [503, 503].map((status) => ({ status, retryAfterSeconds: 0.05 })) },
  });
  const overloaded = await failureOf(modelFor({ maxRetries: 1 }).complete({ messages }));
  expect(overloaded).toMatchObject({
    code: "model_unavailable",
    message: 'The chat model "gpt-4o-mini" failed (HTTP 503).',
  });
  expect(stub.requests).toHaveLength(2);

  await stub.stop();
  const unreachable = await failureOf(modelFor({ maxRetries: 0 }).complete({ messages }));
  expect(unreachable).toMatchObject({
    code: "model_unavailable",
    message: expect.stringContaining("could not be reached"),
  });
});

test("an already aborted signal sends nothing", async () => {
  stub = startOpenAIStub();
  const error = await failureOf(collect(modelFor().stream({ messages, signal: AbortSignal.abort() })));
  expect(error).toMatchObject({ name: "AbortError" });
  expect(await failureOf(modelFor().complete({ messages, signal: AbortSignal.abort() }))).toMatchObject({
    name: "AbortError",
  });
  expect(stub.requests).toHaveLength(0);
});
