import { AppError } from "../errors";
import { type Embedder, priorityOf } from "./embedder";

/**
 * Vectors kept, most recently used last. A chat turn embeds its query, and offline the answer's
 * sentences: the same questions and the same popular passages come back all day, and the offline
 * model spends ~15 ms a sentence. 4,096 vectors of 512 numbers hold ~17 MB as JS arrays.
 */
const DEFAULT_MAX_ENTRIES = 4_096;

/**
 * Remembers the vectors of calls made on a customer's behalf (`priority` query or urgent), so the
 * answerer reuses the query vector that search just made and a passage's sentences are embedded
 * once; concurrent calls for one text share one embedding. Bulk work (ingestion) passes through:
 * its texts are embedded once anyway and would only push the useful entries out.
 */
export function withEmbeddingCache(inner: Embedder, maxEntries = DEFAULT_MAX_ENTRIES): Embedder {
  const cache = new Map<string, Promise<number[]>>();

  function remember(text: string, vector: Promise<number[]>): void {
    cache.set(text, vector);
    // A failed embedding is not remembered: the next call tries again.
    vector.catch(() => {
      if (cache.get(text) === vector) cache.delete(text);
    });
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  }

  return {
    id: inner.id,
    async embed(texts, options) {
      const priority = priorityOf(options);
      if (priority === undefined || priority === "bulk") return inner.embed(texts, options);
      const missing: string[] = [];
      const found = new Map<string, Promise<number[]>>();
      for (const text of texts) {
        const hit = cache.get(text);
        if (hit) {
          // Used again: to the back of the eviction order.
          cache.delete(text);
          cache.set(text, hit);
          found.set(text, hit);
        } else if (!found.has(text)) {
          missing.push(text);
          found.set(text, Promise.resolve([]));
        }
      }
      if (missing.length > 0) {
        const call = inner.embed(missing, options);
        missing.forEach((text, i) => {
          const vector = call.then((rows) => {
            const row = rows[i];
            if (!row) {
              const detail = `${rows.length} vectors for ${missing.length} texts`;
              throw new AppError("model_unavailable", `The embedding model returned ${detail}.`);
            }
            return row;
          });
          found.set(text, vector);
          remember(text, vector);
        });
      }
      return Promise.all(texts.map((text) => found.get(text)!));
    },
    ...(inner.warm ? { warm: () => inner.warm!() } : {}),
    ...(inner.close ? { close: () => inner.close!() } : {}),
  };
}
