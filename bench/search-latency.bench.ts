// Search latency at 10k and 100k stored windows of one business, written straight into the LanceDB
// store with synthetic vectors, against a brute-force cosine scan over the same vectors in one
// Float32Array measured in the same run. The query's embedding is not part of these figures (the
// retrieval benchmark reports search over HTTP with it).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Embedder } from "../server/src/providers/embedder";
import { createLanceStore } from "../server/src/rag/lance-store";
import { searchChunks } from "../server/src/rag/search-chunks";
import type { ChunkRow } from "../server/src/rag/vector-store";
import { corpusFile, WORK_DIR } from "./lib/corpus";
import { median, ms, percentile, table } from "./lib/stats";

const TITLE = "Search latency at 10k and 100k windows";
const SIZES = [10_000, 100_000];
const DIMENSIONS = 512;
const QUERIES = 60;
const WINDOWS_PER_CHUNK = 4;
const WRITE_BATCH = 5_000;
const BUSINESS = 1;

/** Deterministic pseudo-random numbers (mulberry32), so every run stores the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

function unit(values: number[]): number[] {
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => value / norm);
}

/** Sentences to build chunk texts from: the FAQ's when the corpus is there, made-up words otherwise. */
async function sentences(): Promise<string[]> {
  const path = corpusFile("debian-faq.txt");
  if (path) {
    const text = (await Bun.file(path).text()).replace(/\s+/g, " ");
    return text.split(/(?<=[.?!])\s+/).filter((s) => s.length > 30);
  }
  const next = random(7);
  const words = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36)}`);
  return Array.from({ length: 3000 }, () =>
    Array.from({ length: 12 }, () => words[Math.floor(next() ** 2 * words.length)]).join(" "),
  );
}

/**
 * Vectors around 256 topics (real embeddings cluster too; uniform noise would make every vector
 * equally far from every query, which no index is built for).
 */
function topicVectors(seed: number) {
  const next = random(seed);
  const topics = Array.from({ length: 256 }, () =>
    unit(Array.from({ length: DIMENSIONS }, () => gaussian(next))),
  );
  return (spread: number) => {
    const topic = topics[Math.floor(next() * topics.length)]!;
    return unit(topic.map((value) => value + spread * gaussian(next) * 0.05));
  };
}

function bruteForce(matrix: Float32Array, count: number, query: number[], limit: number): number[] {
  const q = Float32Array.from(query);
  const best: { index: number; score: number }[] = [];
  for (let row = 0; row < count; row++) {
    let dot = 0;
    const offset = row * DIMENSIONS;
    for (let i = 0; i < DIMENSIONS; i++) dot += matrix[offset + i]! * q[i]!;
    if (best.length < limit || dot > best.at(-1)!.score) {
      best.push({ index: row, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > limit) best.pop();
    }
  }
  return best.map((entry) => entry.index);
}

async function measure<T>(queries: T[], run: (query: T) => Promise<unknown>): Promise<number[]> {
  for (const query of queries.slice(0, 5)) await run(query); // warm caches and index reads
  const latencies: number[] = [];
  for (const query of queries) {
    const t0 = performance.now();
    await run(query);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

export default async function searchLatencyBench(): Promise<string> {
  const texts = await sentences();
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const size of SIZES) {
    const dir = join(WORK_DIR, `search-latency-${size}`);
    await rm(dir, { recursive: true, force: true });
    const store = await createLanceStore(dir);
    const vectorOf = topicVectors(size);
    const matrix = new Float32Array(size * DIMENSIONS);
    const next = random(size + 1);
    const t0 = performance.now();
    for (let start = 0; start < size; start += WRITE_BATCH) {
      const batch: ChunkRow[] = [];
      for (let row = start; row < Math.min(size, start + WRITE_BATCH); row++) {
        const chunkIndex = Math.floor(row / WINDOWS_PER_CHUNK);
        const windowIndex = row % WINDOWS_PER_CHUNK;
        const text = Array.from({ length: 5 }, () => texts[Math.floor(next() * texts.length)]).join(" ");
        const vector = vectorOf(10);
        matrix.set(vector, row * DIMENSIONS);
        batch.push({
          documentId: 1 + Math.floor(chunkIndex / 200),
          documentName: "synthetic.txt",
          chunkIndex,
          windowIndex,
          heading: windowIndex === 0 ? `Section ${chunkIndex}` : "",
          page: 0,
          text,
          ftsText: windowIndex === 0 ? text : "",
          vector,
        });
      }
      await store.add(BUSINESS, batch);
    }
    await store.optimize(BUSINESS);
    const writeMs = performance.now() - t0;

    const queryVectors = Array.from({ length: QUERIES }, () => vectorOf(10));
    const queryTexts = Array.from({ length: QUERIES }, (_, i) =>
      texts[(i * 7919) % texts.length]!.split(" ").slice(0, 10).join(" "),
    );
    const embedder: Embedder = {
      id: "precomputed",
      embed: async (list) => list.map((text) => queryVectors[Number(text)]!),
    };
    const queryIndexes = queryVectors.map((_, i) => i);

    const brute = await measure(queryIndexes, async (i) => bruteForce(matrix, size, queryVectors[i]!, 100));
    const vector = await measure(queryIndexes, (i) => store.vectorSearch(BUSINESS, queryVectors[i]!, 100));
    const text = await measure(queryTexts, (query) => store.textSearch(BUSINESS, query, 40));
    const hybrid = await measure(queryIndexes, (i) =>
      searchChunks({ embedder, store }, { businessId: BUSINESS, query: String(i), k: 5 }),
    );

    // Recall of the store's nearest windows against the exact scan (1.0 without an approximate index).
    let recalled = 0;
    for (const [i, query] of queryVectors.entries()) {
      const exact = new Set(bruteForce(matrix, size, query, 10));
      const found = await store.vectorSearch(BUSINESS, query, 10);
      recalled += found.filter((hit) =>
        exact.has(hit.chunkIndex * WINDOWS_PER_CHUNK + hit.windowIndex),
      ).length;
      if (i >= 19) break;
    }
    const recall = recalled / (20 * 10);

    const line = (mode: string, values: number[], target: string) => [
      size.toLocaleString("en"),
      mode,
      ms(median(values)),
      ms(percentile(values, 0.95)),
      mode === "brute-force scan (baseline)" ? "1.0×" : `${(median(brute) / median(values)).toFixed(1)}×`,
      target,
    ];
    rows.push(
      line("brute-force scan (baseline)", brute, ""),
      line("vector (100 windows)", vector, ""),
      line("full-text (40 chunks)", text, size === 10_000 ? "p50 ≤ 5" : "p50 ≤ 5"),
      line("hybrid (both + fusion)", hybrid, size === 10_000 ? "p50 ≤ 10" : "p50 ≤ 20"),
    );
    notes.push(
      `- ${size.toLocaleString("en")} windows (${(size / WINDOWS_PER_CHUNK).toLocaleString("en")} chunks): ` +
        `written and optimised in ${(writeMs / 1000).toFixed(1)} s; vector recall@10 against the exact ` +
        `scan ${recall.toFixed(2)}.`,
    );
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  return [
    `## ${TITLE}`,
    "",
    `One business, synthetic rows (${DIMENSIONS}-dimension vectors around 256 topics, FAQ sentences as ` +
      `text, ${WINDOWS_PER_CHUNK} windows a chunk, full-text on the first), ${QUERIES} queries each, ` +
      "after 5 warm-up queries. Speed-up is the baseline's p50 over the mode's p50.",
    "",
    table(["windows", "mode", "p50 ms", "p95 ms", "vs baseline", "target ms"], rows),
    "",
    ...notes,
  ].join("\n");
}
