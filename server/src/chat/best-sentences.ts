import type { BestSentences, RankedChunk } from "../rag/search-chunks";
import { candidatesOf, dot, MAX_SENTENCES } from "./extractive-answerer";
import type { SentenceVectors } from "./sentence-vectors";

/**
 * Chunks whose sentences' vectors were all found, most recently used last. The same chunks come
 * back search after search, and reading a chunk's ~10 stored vectors again (splitting it, hashing
 * each sentence, a primary-key read each) cost ~1 ms of an offline search over 15 chunks on
 * zulip-help. A sentence's vector depends only on its document, its text and the embedder, so an
 * entry never goes stale; a deleted document's entries are merely never asked for. 512 chunks of
 * ~10 sentences of 512 floats hold ~10 MB.
 */
const KNOWN_CHUNKS = 512;

/**
 * Each chunk's closest sentence to the query, from the vectors the offline answerer stores for the
 * sentences it may quote; null until every one of them is stored (just after an upload), so that
 * the chunks are never compared on different grounds. Nothing is embedded.
 */
export function storedBestSentences(sentenceVectors: SentenceVectors): BestSentences {
  const known = new Map<string, ArrayLike<number>[]>();
  const keyOf = (chunk: RankedChunk) => `${chunk.documentId}\u0000${chunk.text}`;

  async function vectorsOf(chunks: RankedChunk[]): Promise<(ArrayLike<number>[] | null)[]> {
    const found = chunks.map((chunk) => {
      const key = keyOf(chunk);
      const vectors = known.get(key);
      if (vectors) {
        known.delete(key);
        known.set(key, vectors);
      }
      return vectors ?? null;
    });
    const missing = chunks.flatMap((chunk, i) => (found[i] ? [] : [chunk]));
    if (missing.length === 0) return found;
    const sentences = missing.map((chunk) => candidatesOf([chunk]).slice(0, MAX_SENTENCES));
    const stored = await sentenceVectors.stored(
      sentences.flat().map((c) => ({ documentId: c.chunk.documentId, text: c.text })),
    );
    let next = 0;
    const read = sentences.map((list) => {
      const vectors = list.map(() => stored[next++]);
      return vectors.every(Boolean) ? (vectors as ArrayLike<number>[]) : null;
    });
    missing.forEach((chunk, i) => {
      const vectors = read[i];
      if (!vectors) return;
      known.set(keyOf(chunk), vectors);
      if (known.size > KNOWN_CHUNKS) known.delete(known.keys().next().value!);
    });
    let at = 0;
    return found.map((vectors) => vectors ?? read[at++]!);
  }

  return async (query, chunks) => {
    const perChunk = await vectorsOf(chunks);
    if (perChunk.some((vectors) => vectors === null)) return null;
    return perChunk.map((vectors) =>
      vectors!.reduce((best, vector) => Math.max(best, dot(query, vector)), -1),
    );
  };
}
