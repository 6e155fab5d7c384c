import { describe, expect, test } from "bun:test";
import { withEmbeddingCache } from "./cached-embedder";
import type { Embedder } from "./embedder";

function recording(fail?: (texts: string[]) => boolean) {
  const calls: string[][] = [];
  const inner: Embedder = {
    id: "recording",
    async embed(texts) {
      calls.push(texts);
      if (fail?.(texts)) throw new Error("model failed");
      return texts.map((text) => [text.length, 1]);
    },
  };
  return { inner, calls };
}

describe("withEmbeddingCache", () => {
  test("a text embedded for a customer is embedded once; later calls get the same vector", async () => {
    const { inner, calls } = recording();
    const embedder = withEmbeddingCache(inner);
    const [first] = await embedder.embed(["where is my parcel?"], { priority: "query" });
    const [again, other] = await embedder.embed(["where is my parcel?", "refunds"], { urgent: true });
    expect(again).toBe(first!);
    expect(other).toEqual([7, 1]);
    expect(calls).toEqual([["where is my parcel?"], ["refunds"]]);
  });

  test("concurrent calls for one text share one embedding; repeats in a call are embedded once", async () => {
    const { inner, calls } = recording();
    const embedder = withEmbeddingCache(inner);
    const results = await Promise.all([
      embedder.embed(["same", "same"], { priority: "query" }),
      embedder.embed(["same"], { priority: "query" }),
    ]);
    expect(calls).toEqual([["same"]]);
    expect(results.flat()).toHaveLength(3);
  });

  test("bulk calls (ingestion) pass through and are not remembered", async () => {
    const { inner, calls } = recording();
    const embedder = withEmbeddingCache(inner);
    await embedder.embed(["window"]);
    await embedder.embed(["window"], { priority: "bulk" });
    await embedder.embed(["window"], { priority: "query" });
    expect(calls).toHaveLength(3);
  });

  test("a failure is not remembered, and the least recently used entry goes first", async () => {
    let failing = true;
    const { inner, calls } = recording(() => failing);
    const embedder = withEmbeddingCache(inner, 2);
    await expect(embedder.embed(["a"], { urgent: true })).rejects.toThrow("model failed");
    failing = false;
    await embedder.embed(["a"], { urgent: true });
    await embedder.embed(["b"], { urgent: true });
    await embedder.embed(["a"], { urgent: true }); // a is now the most recently used
    await embedder.embed(["c"], { urgent: true }); // evicts b
    calls.length = 0;
    await embedder.embed(["a", "c"], { urgent: true });
    expect(calls).toEqual([]);
    await embedder.embed(["b"], { urgent: true });
    expect(calls).toEqual([["b"]]);
  });
});
