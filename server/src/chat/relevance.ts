import type { RankedChunk } from "../rag/search-chunks";
import { NO_TERM_STATS, type TermStats } from "../rag/term-stats";
import { type WeightedQuestion, weighQuestion, weightedCoverage } from "../rag/term-weights";
import { contentTerms, termCoverage } from "../rag/terms";

export interface RelevanceThresholds {
  /**
   * Evidence a chunk needs for the question to count as answerable: its best window's cosine
   * similarity, plus `coverageWeight` times the share of the question's content terms it contains
   * (weighted by their rarity in the business when `weighTerms`), minus `foreignTermPenalty` for each
   * uncommon term of the question that none of the business's chunks holds.
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
  /** Coverage weighted by each term's rarity among the business's chunks (see `weighQuestion`). */
  weighTerms: boolean;
  foreignTermPenalty: number;
  /**
   * An answer whose best evidence is below this was given, but on little evidence: counted as a
   * possible knowledge gap. Absent: no answer is counted so.
   */
  lowEvidence?: number;
}

/**
 * Offline, an answer whose best evidence is under this is counted as a possible gap (insights, the
 * review queue). Measured in bench/low-evidence.ts on the five help centers the thresholds are chosen
 * on (Debian FAQ, zulip-help, appliance-manual, saas-help, shop-policies: 296 answered questions, 104
 * of them bad, i.e. wrong or out of scope): evidence tells good answers from bad ones only a little at
 * any cut-off (balanced accuracy at most 0.58 on the worst corpus, at 1.0, which also flags 71% of the
 * good answers). 0.8 is the highest cut-off that flags at most a third of the good answers (54/192),
 * so the queue stays worth reading: it flags 52/104 bad ones (worst corpus 0.54; 0.75 flagged 37/104
 * bad, 33/192 good, worst corpus 0.49). On the held-out router-manual: 10/13 bad, 6/17 good.
 */
const OFFLINE_LOW_EVIDENCE = 0.8;

/**
 * The offline embedder's, chosen in bench/relevance-study (features dumped by
 * bench/relevance-features.ts) on five help centers at once — the Debian FAQ, zulip-help and the three
 * of bench/corpora — as the one setting whose worst help center separates in-scope from out-of-scope
 * questions best (balanced accuracy 0.68, against 0.62 for the earlier plain coverage weighted 1 at
 * 0.97); choosing the threshold on four of them and measuring on the fifth gave 0.67–0.95 (plain
 * coverage: 0.52–0.93). Meaning alone does not separate them (an unrelated question can sit close to a
 * passage that shares its register) and neither do shared words alone ("order" in a shop); rare
 * shared words and the words the documents never use do most. `keep` and `suggest` keep the earlier
 * distances below `answer`.
 */
const OFFLINE: RelevanceThresholds = {
  answer: 0.65,
  keep: 0.55,
  suggest: 0.4,
  coverageWeight: 0.5,
  weighTerms: true,
  foreignTermPenalty: 0.2,
  lowEvidence: OFFLINE_LOW_EVIDENCE,
};

/**
 * The scales differ by embedder, so each gets its own; unknown models get the OpenAI ones (chosen on
 * the FAQ with plain coverage), which the model backs up with its own "say you could not find it"
 * instruction.
 */
export function thresholdsFor(embedderId: string): RelevanceThresholds {
  if (embedderId.startsWith("use-lite")) return OFFLINE;
  return {
    answer: 0.75,
    keep: 0.6,
    suggest: 0.5,
    coverageWeight: 1,
    weighTerms: false,
    foreignTermPenalty: 0,
    lowEvidence: 0.85,
  };
}

/** A question read once for scoring every chunk against it. */
export interface QuestionEvidence {
  terms: string[];
  weighted: WeightedQuestion;
}

export function readQuestion(question: string, stats: TermStats = NO_TERM_STATS): QuestionEvidence {
  return { terms: contentTerms(question), weighted: weighQuestion(question, stats) };
}

// The OpenAI-scale `lowEvidence` (0.85) sits 0.1 above its `answer`, as the offline one once did; it
// has not been measured (bench/low-evidence.ts measures the offline embedder).

/** How strongly a chunk supports an answer to the question (see RelevanceThresholds). */
export function evidenceOf(
  question: QuestionEvidence,
  chunk: RankedChunk,
  thresholds: Pick<RelevanceThresholds, "coverageWeight" | "weighTerms" | "foreignTermPenalty">,
): number {
  const coverage = thresholds.weighTerms
    ? weightedCoverage(question.weighted, chunk.heading, chunk.text)
    : termCoverage(question.terms, chunk.heading, chunk.text);
  return (
    chunk.similarity +
    thresholds.coverageWeight * coverage -
    thresholds.foreignTermPenalty * question.weighted.foreign
  );
}

export interface Relevance {
  /** The chunks worth answering from, best first; empty means the documents do not hold the answer. */
  relevant: RankedChunk[];
  /** With nothing relevant, the best chunk when it is still worth suggesting (see `suggest`). */
  nearMiss: RankedChunk | null;
  /** The strongest evidence of any chunk (0 with no chunks). */
  evidence: number;
}

/** Scores each retrieved chunk once and judges the question answerable, nearly, or not at all. */
export function judgeRelevance(
  question: string,
  chunks: RankedChunk[],
  thresholds: RelevanceThresholds,
  stats: TermStats = NO_TERM_STATS,
): Relevance {
  const read = readQuestion(question, stats);
  const scored = chunks.map((chunk) => ({ chunk, evidence: evidenceOf(read, chunk, thresholds) }));
  const best = scored.reduce<(typeof scored)[number] | null>(
    (top, entry) => (!top || entry.evidence > top.evidence ? entry : top),
    null,
  );
  if (best && best.evidence >= thresholds.answer) {
    return {
      relevant: scored.filter((entry) => entry.evidence >= thresholds.keep).map((entry) => entry.chunk),
      nearMiss: null,
      evidence: best.evidence,
    };
  }
  return {
    relevant: [],
    nearMiss: best && best.evidence >= thresholds.suggest ? best.chunk : null,
    evidence: best?.evidence ?? 0,
  };
}
