import type { BestSentences } from "../rag/search-chunks";
import { bestSentenceSimilarity, candidatesOf, MAX_SENTENCES } from "./extractive-answerer";
import type { SentenceVectors } from "./sentence-vectors";

/**
 * Each chunk's closest sentence to the query, from the vectors the offline answerer stores for the
 * sentences it may quote; null until every one of them is stored (just after an upload), so that
 * the chunks are never compared on different grounds. Nothing is embedded.
 */
export function storedBestSentences(sentenceVectors: SentenceVectors): BestSentences {
  return async (query, chunks) => {
    const perChunk = chunks.map((chunk) => candidatesOf([chunk]).slice(0, MAX_SENTENCES));
    const all = perChunk.flat();
    const stored = await sentenceVectors.stored(
      all.map((c) => ({ documentId: c.chunk.documentId, text: c.text })),
    );
    return bestSentenceSimilarity(perChunk, new Map(all.map((c, i) => [c, stored[i]])), query);
  };
}
