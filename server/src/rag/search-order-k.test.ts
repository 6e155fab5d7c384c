import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Embedder } from "../providers/embedder";
import { stubEmbedding } from "../testing/openai-stub";
import { createLanceStore } from "./lance-store";
import { searchChunks } from "./search-chunks";
import type { ChunkRow, VectorStore } from "./vector-store";

// A generated corpus: chunks of words drawn from a small vocabulary, so that many chunks share the
// query's words and the lists run deep; bag-of-words vectors (texts sharing words are close).
const VOCABULARY = Array.from({ length: 60 }, (_, i) => `term${i.toString(36)}`);
const CHUNKS = 400;
const QUERIES = 25;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const embedder: Embedder = { id: "bag-of-words", embed: async (texts) => texts.map((t) => stubEmbedding(t)) };
let dir: string;
let store: VectorStore;
const queries: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "supportal-k-"));
  store = await createLanceStore(dir);
  const next = random(42);
  const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(next() ** 1.5 * 60)]!);
  const rows: ChunkRow[] = [];
  for (let chunkIndex = 0; chunkIndex < CHUNKS; chunkIndex++) {
    const heading = words(3).join(" ");
    const text = `${words(25).join(" ")}.`;
    const windows = [heading, text.slice(0, 80), text.slice(80)];
    windows.forEach((embedText, windowIndex) => {
      rows.push({
        documentId: 1 + (chunkIndex % 3),
        documentName: "generated.md",
        chunkIndex,
        windowIndex,
        heading,
        page: 0,
        text,
        ftsText: windowIndex === 0 ? `${heading}\n${text}` : "",
        vector: stubEmbedding(embedText),
      });
    });
  }
  await store.add(1, rows);
  await store.optimize(1);
  for (let i = 0; i < QUERIES; i++) queries.push(words(4).join(" "));
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test("the best results come in the same order whether 5 or 50 are asked for", async () => {
  const key = (chunk: { documentId: number; chunkIndex: number }) =>
    `${chunk.documentId}:${chunk.chunkIndex}`;
  for (const query of queries) {
    const five = await searchChunks({ embedder, store }, { businessId: 1, query, k: 5 });
    const fifty = await searchChunks({ embedder, store }, { businessId: 1, query, k: 50 });
    expect(fifty.length).toBe(50);
    expect(fifty.slice(0, 5).map(key)).toEqual(five.map(key));
  }
});
