import type { RankedChunk } from "../rag/search-chunks";
import { contentTerms, termCoverage } from "../rag/terms";

export interface RelevanceThresholds {
  /** Cosine similarity of the best window at which a chunk counts as relevant on its own. */
  similarity: number;
  /** With at least `supportingSimilarity`, this share of the question's terms in the chunk also counts. */
  coverage: number;
  supportingSimilarity: number;
}

/**
 * Calibrated in bench/ on in-scope FAQ questions against out-of-scope ones (see bench/RESULTS.md).
 * The scales differ by embedder, so each gets its own; unknown models get the OpenAI ones.
 */
export function thresholdsFor(embedderId: string): RelevanceThresholds {
  if (embedderId.startsWith("use-lite"))
    return { similarity: 0.55, coverage: 0.5, supportingSimilarity: 0.3 };
  return { similarity: 0.45, coverage: 0.5, supportingSimilarity: 0.2 };
}

/** The chunks worth answering from; empty means the documents do not hold the answer. */
export function relevantChunks(
  question: string,
  chunks: RankedChunk[],
  thresholds: RelevanceThresholds,
): RankedChunk[] {
  const terms = contentTerms(question);
  return chunks.filter((chunk) => {
    if (chunk.similarity >= thresholds.similarity) return true;
    const coverage = termCoverage(terms, `${chunk.heading}\n${chunk.text}`);
    return coverage >= thresholds.coverage && chunk.similarity >= thresholds.supportingSimilarity;
  });
}
