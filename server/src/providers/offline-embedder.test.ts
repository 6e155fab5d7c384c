import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import type { Embedder } from "./embedder";
import { createOfflineEmbedder } from "./offline-embedder";

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe("createOfflineEmbedder", () => {
  let embedder: Embedder;
  beforeAll(() => {
    // Small batches, so that even these few texts are split and spread over both workers.
    embedder = createOfflineEmbedder({ workers: 2, batchSize: 2 });
  });
  afterAll(() => embedder.close?.());

  test("gives unit-length 512-dimension vectors, closer for related sentences", async () => {
    const [password, forgot, shipping] = await embedder.embed([
      "How do I reset my password?",
      "I forgot my password and cannot log in to my account.",
      "What does shipping to Canada cost?",
    ]);
    expect(embedder.id).toBe("use-lite-512");
    for (const vector of [password!, forgot!, shipping!]) {
      expect(vector).toHaveLength(512);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
    expect(dot(password!, forgot!)).toBeGreaterThan(dot(password!, shipping!) + 0.2);
  });

  test("concurrent calls each get their own vectors, in the order of their texts", async () => {
    const calls = [
      ["refund policy", "opening hours", "track my parcel", "change billing address", "cancel subscription"],
      ["delete my account"],
      ["warranty claim", "store locations", "gift cards"],
    ];
    const reference = await embedder.embed(calls.flat());
    const results = await Promise.all(calls.map((texts) => embedder.embed(texts)));
    const flat = results.flat();
    expect(results.map((vectors) => vectors.length)).toEqual([5, 1, 3]);
    flat.forEach((vector, i) => {
      expect(dot(vector, reference[i]!)).toBeGreaterThan(0.9999);
    });
  });

  test("keeps one vector per text, even for an empty text", async () => {
    const vectors = await embedder.embed(["hello", ""]);
    expect(vectors).toHaveLength(2);
    expect(vectors[1]).toHaveLength(512);
    expect(await embedder.embed([])).toEqual([]);
  });
});

test("a query, and any call marked urgent, overtakes a large ingestion call already queued", async () => {
  const embedder = createOfflineEmbedder({ workers: 1, batchSize: 4 });
  try {
    await embedder.embed(["warm up"]);
    const order: string[] = [];
    const windows = Array.from(
      { length: 32 },
      (_, i) => `Section ${i}: the router restarts after a firmware update.`,
    );
    const ingestion = embedder.embed(windows).then(() => order.push("ingestion"));
    const query = embedder.embed(["why does my router restart?"]).then(() => order.push("query"));
    // An answer's sentences are more than a query's few texts, but a customer waits for them too.
    const sentences = windows.slice(0, 12).map((text) => `${text} Unplug it first.`);
    const answer = embedder.embed(sentences, { urgent: true }).then(() => order.push("answer"));
    await Promise.all([ingestion, query, answer]);
    expect(order.at(-1)).toBe("ingestion");
  } finally {
    await embedder.close?.();
  }
});

test("close() rejects a pending call with model_unavailable instead of leaving it hanging", async () => {
  const embedder = createOfflineEmbedder({ workers: 1 });
  const pending = embedder.embed(["a text that will never be embedded"]);
  await embedder.close?.();
  const error = await pending.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "model_unavailable" });
  await expect(embedder.embed(["after close"])).rejects.toThrow(AppError);
});

test("a search query goes ahead of an answer's sentences, which go ahead of ingestion", async () => {
  const embedder = createOfflineEmbedder({ workers: 1, batchSize: 4 });
  try {
    await embedder.embed(["warm up"]);
    const order: string[] = [];
    const windows = Array.from(
      { length: 16 },
      (_, i) => `Section ${i}: the router restarts after an update.`,
    );
    const ingestion = embedder.embed(windows, { priority: "bulk" }).then(() => order.push("ingestion"));
    const sentences = windows.slice(0, 12).map((text) => `${text} Unplug it first.`);
    const answer = embedder.embed(sentences, { urgent: true }).then(() => order.push("answer"));
    const query = embedder.embed(["why does my router restart?"], { priority: "query" }).then(() => {
      order.push("query");
    });
    await Promise.all([ingestion, answer, query]);
    expect(order).toEqual(["query", "answer", "ingestion"]);
  } finally {
    await embedder.close?.();
  }
});
