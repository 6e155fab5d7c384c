import type { RankedChunk } from "../rag/search-chunks";
import { contentTerms, termCoverage } from "../rag/terms";

export interface RelevanceThresholds {
  /**
   * Evidence a chunk needs for the question to count as answerable: its best window's cosine
   * similarity plus `coverageWeight` times the share of the question's content terms it contains.
   */
  answer: number;
  /** Once the question is answerable, chunks with at least this much evidence are used. */
  keep: number;
  /**
   * Below `answer`, a chunk with this much evidence is offered as "the closest part I found" next
   * to the honest not-found answer: close enough to be worth a look, not enough to answer from.
   */
  suggest: number;
  coverageWeight: number;
}

/**
 * Calibrated in bench/chat.bench.ts on in-scope questions against out-of-scope ones (the calibration
 * and its margins are printed in bench/RESULTS.md). Meaning alone does not separate them (an
 * unrelated question can sit close to a passage that shares its register) and neither do shared
 * words alone ("system", "install"); together they do. The scales differ by embedder, so each gets
 * its own; unknown models get the OpenAI ones, which the model backs up with its own "say you could
 * not find it" instruction.
 */
export function thresholdsFor(embedderId: string): RelevanceThresholds {
  if (embedderId.startsWith("use-lite")) return { answer: 0.97, keep: 0.85, suggest: 0.7, coverageWeight: 1 };
  return { answer: 0.75, keep: 0.6, suggest: 0.5, coverageWeight: 1 };
}

/** How strongly a chunk supports an answer to the question (see RelevanceThresholds). */
export function evidenceOf(
  questionTerms: string[],
  chunk: RankedChunk,
  thresholds: Pick<RelevanceThresholds, "coverageWeight">,
): number {
  const coverage = termCoverage(questionTerms, chunk.heading, chunk.text);
  return chunk.similarity + thresholds.coverageWeight * coverage;
}

export interface Relevance {
  /** The chunks worth answering from, best first; empty means the documents do not hold the answer. */
  relevant: RankedChunk[];
  /** With nothing relevant, the best chunk when it is still worth suggesting (see `suggest`). */
  nearMiss: RankedChunk | null;
}

/** Scores each retrieved chunk once and judges the question answerable, nearly, or not at all. */
export function judgeRelevance(
  question: string,
  chunks: RankedChunk[],
  thresholds: RelevanceThresholds,
): Relevance {
  const terms = contentTerms(question);
  const scored = chunks.map((chunk) => ({ chunk, evidence: evidenceOf(terms, chunk, thresholds) }));
  const best = scored.reduce<(typeof scored)[number] | null>(
    (top, entry) => (!top || entry.evidence > top.evidence ? entry : top),
    null,
  );
  if (best && best.evidence >= thresholds.answer) {
    return {
      relevant: scored.filter((entry) => entry.evidence >= thresholds.keep).map((entry) => entry.chunk),
      nearMiss: null,
    };
  }
  return { relevant: [], nearMiss: best && best.evidence >= thresholds.suggest ? best.chunk : null };
}
