import { afterEach, expect, test } from "bun:test";
import { AppError } from "../errors";
import { type OpenAIStub, startOpenAIStub, stubEmbedding } from "../testing/openai-stub";
import { createOpenAIClient } from "./openai-client";
import { createOpenAIEmbedder } from "./openai-embedder";

let stub: OpenAIStub;
afterEach(() => stub.stop());

function embedderFor(options: { timeoutMs?: number; maxRetries?: number; batchSize?: number } = {}) {
  const client = createOpenAIClient({
    apiKey: "sk-test",
    baseURL: stub.url,
    timeoutMs: options.timeoutMs ?? 2_000,
    maxRetries: options.maxRetries ?? 2,
  });
  return createOpenAIEmbedder({ client, model: "text-embedding-3-small", batchSize: options.batchSize });
}

test("embeds in batches and keeps the order of the texts", async () => {
  stub = startOpenAIStub({ apiKey: "sk-test" });
  const texts = Array.from({ length: 10 }, (_, i) => `text number ${i} about topic ${i % 3}`);
  const embedder = embedderFor({ batchSize: 4 });
  const vectors = await embedder.embed(texts);
  expect(embedder.id).toBe("openai:text-embedding-3-small");
  expect(stub.requestsTo("/embeddings").map((request) => request.body?.input?.length)).toEqual([4, 4, 2]);
  expect(stub.requests[0]!.body?.model).toBe("text-embedding-3-small");
  // The SDK asks for base64 and decodes it to float32: compare at that precision.
  vectors.forEach((vector, i) => {
    const expected = stubEmbedding(texts[i]!);
    expect(Math.max(...vector.map((value, d) => Math.abs(value - expected[d]!)))).toBeLessThan(1e-6);
  });
});

test("sends no request for no texts, and a space for an empty text", async () => {
  stub = startOpenAIStub();
  const embedder = embedderFor();
  expect(await embedder.embed([])).toEqual([]);
  expect(stub.requests).toHaveLength(0);
  expect(await embedder.embed(["", "words"])).toHaveLength(2);
  expect(stub.requests[0]!.body?.input).toEqual([" ", "words"]);
});

test("waits as a 429's retry-after asks, then succeeds", async () => {
  stub = startOpenAIStub({ script: { failures: [{ status: 429, retryAfterSeconds: 0.3 }] } });
  const started = performance.now();
  const vectors = await embedderFor().embed(["hello"]);
  expect(vectors).toHaveLength(1);
  expect(stub.requests.map((request) => request.outcome)).toEqual(["failed", "answered"]);
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
});

test("gives up after the retries with model_unavailable and a plain message", async () => {
  stub = startOpenAIStub({
    script: { failures: [500, 503, 500].map((status) => ({ status, retryAfterSeconds: 0.05 })) },
  });
  const error = await embedderFor({ maxRetries: 2 })
    .embed(["hello"])
    .catch((caught: unknown) => caught);
  expect(stub.requests).toHaveLength(3);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({
    code: "model_unavailable",
    message: 'The embedding model "text-embedding-3-small" failed (HTTP 500).',
  });
});

test("a server slower than the timeout fails quickly with model_unavailable", async () => {
  stub = startOpenAIStub({ script: { firstByteDelayMs: 5_000 } });
  const started = performance.now();
  const error = await embedderFor({ timeoutMs: 150, maxRetries: 0 })
    .embed(["hello"])
    .catch((caught: unknown) => caught);
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(error).toMatchObject({
    code: "model_unavailable",
    message: expect.stringContaining("did not answer in time"),
  });
  expect(await stub.requests[0]!.settled).toBe("disconnected");
});

test("a wrong key is refused without quoting it", async () => {
  stub = startOpenAIStub({ apiKey: "sk-right" });
  const error = await embedderFor()
    .embed(["hello"])
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: "model_unavailable", message: expect.stringContaining("API key") });
  expect(String((error as Error).message)).not.toContain("sk-test");
  // 401 is not retried.
  expect(stub.requests).toHaveLength(1);
});
