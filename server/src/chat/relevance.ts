import type { RankedChunk } from "../rag/search-chunks";
import { NO_TERM_STATS, type TermStats } from "../rag/term-stats";
import { type WeightedQuestion, weighQuestion, weightedCoverage } from "../rag/term-weights";
import { contentTerms, contentWords, stem, termCoverage, termSet } from "../rag/terms";

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
  /**
   * With each retrieved chunk's closest stored answer sentence known (see `judgeRelevance`): how much
   * a best sentence that stands out from the other chunks' best sentences adds to the evidence the
   * answer needs (`weight` times how far the best lies above their mean, less the `usual` lead).
   * Absent: the sentences are not consulted.
   */
  sentenceLead?: { weight: number; usual: number };
  /**
   * An action question ("can I <action> <object> ...", "how do I <action> <object> ...") whose best
   * chunk names the action but none of the words of its object, when the object's last word is named
   * by at most this many of the business's chunks, is refused whatever its evidence (see
   * `unpairedObject`). Absent: the question's form is not read.
   */
  rareUnpairedObject?: number;
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
 * Offline, the answerer's stored sentence vectors (the ones search reads to rank its best chunks)
 * say how far the closest sentence of the retrieved chunks stands out from the other chunks'
 * closest ones: a question the documents answer tends to have one passage that says it; one they do
 * not answer often sits about as close to several (a question in the documents' register about
 * something they leave out). The answer decision adds `weight` x (best - mean of the first
 * `SENTENCE_LEAD_CHUNKS` chunks' best sentences - `usual`) to the best chunk's evidence.
 * Chosen in bench/relevance-sentence-separation.ts (signals dumped by relevance-sentence-features.ts)
 * on the five tuning help centers (debian-faq, zulip-help, appliance-manual, saas-help, shop-policies)
 * with `answer` kept: the best worst-help-center balanced accuracy among the settings that raise no
 * help center's errors (in-scope refused + out-of-scope answered), then the fewest errors. Errors
 * 3/16/26/18/27 (90) -> 3/14/25/15/25 (82), no honest refusal lost; balanced accuracy worst 0.656
 * -> 0.670 (shop); held-out router-manual 14 -> 11, 0.675 -> 0.716. Weight 0.4-0.5 with usual 0.03
 * give the same; usual 0.015-0.02 answer one more out-of-scope question of the FAQ and of
 * zulip-help. Chosen on four and measured on the fifth: 5/15/25/15/25 (85), worst 0.650 (shop,
 * where the other four pick weight 1), against 4/17/26/17/26 (90), worst 0.663, for the threshold
 * alone: the gain is small and rests on questions near `answer`. No threshold alone does as well
 * on all five (at best 88, worst 0.663).
 * The sentence cosine itself separates little (AUC 0.62-0.69 on the four help centers but the FAQ,
 * against 0.76-0.83 for the chunk evidence), nor does adding it, its weighted coverage, or whether
 * the question's rarest term sits in the best sentence or its chunk (left out: worst 0.62-0.66); a
 * sentence-level evidence alone (cosine + coverage) reached 0.69 left out but with 128 errors.
 * Search has read these vectors already, so the decision costs no read of its own.
 */
const OFFLINE_SENTENCE_LEAD = { weight: 0.4, usual: 0.03 };

/**
 * Offline, an action question whose best chunk names the action but not the thing it is done to, a
 * thing the business names in at most this many chunks, is refused: the passage does the thing
 * asked to something else (how to bake bread, asked whether one can bake pizza). Measured in
 * bench/relevance-refusal-rules.ts (dump: relevance-refusal-dump.ts) on the questions the decision
 * answers on the five tuning help centers (debian-faq, zulip-help, appliance-manual, saas-help,
 * shop-policies: 32 out of scope, 217 correct, 62 wrong), per help center out-of-scope refused /
 * correct lost / wrong answers refused: at 2 debian 1/0/0, zulip 1/0/1, appliance 1/0/0, saas
 * 2/0/0, shop 1/0/1: errors (in-scope refused + out-of-scope answered) 3/14/25/15/25 (82) ->
 * 2/14/24/13/25 (78), no correct answer lost; 3 gives the same, 1 two fewer refusals, 4 and more
 * lose a correct answer of the FAQ (an object the business names in four chunks). Chosen on four
 * and measured on the fifth: four of the five choices are 2 (held-out zulip 1/0/1, appliance 1/0/0,
 * saas 2/0/0, shop 1/0/1); on the other four the FAQ picks 8, which loses it one correct answer
 * (1/1/0). Held-out router-manual: 1/0/0. The rule fires seldom (8 of the 311 answered questions)
 * and rests on the question's form (the action is the word after the subject, so it misreads some
 * questions); every other structural rule tried there (the rarest or the object's word missing from
 * the passage, only generic words shared, the two rarest words in no chunk together, another chunk
 * quoted than the best, a word left out bringing the passage's sentence nearer) lost correct
 * answers on some help center at every setting.
 */
const OFFLINE_RARE_UNPAIRED_OBJECT = 2;
/** The chunks whose closest sentences are compared: the answerer's five, as measured. */
export const SENTENCE_LEAD_CHUNKS = 5;

/**
 * Once a question is answerable, every chunk worth suggesting goes to the extractive answerer, which
 * picks its lines by the closest sentence: a chunk that answers often shares few of the question's
 * words (that is why it ranked below another). Measured on the five tuning help centers
 * (bench/relevance-study.ts, correct answers): keep 0.55 (the earlier distance) debian-faq 23,
 * zulip-help 40, appliance-manual 44, saas-help 67, shop-policies 43; 0.5 gives zulip 41; 0.45 and
 * anything lower, to 0, 23/42/45/67/43 (+3, none lower, no refusal changed); 0.6 loses one on saas.
 * Held-out router-manual 24 at every setting.
 */
const OFFLINE_KEEP = 0.4;

/**
 * The offline embedder's, chosen in bench/relevance-study (features dumped by
 * bench/relevance-features.ts) on five help centers at once — the Debian FAQ, zulip-help and the three
 * of bench/corpora — as the one setting whose worst help center separates in-scope from out-of-scope
 * questions best (balanced accuracy 0.68, against 0.62 for the earlier plain coverage weighted 1 at
 * 0.97); choosing the threshold on four of them and measuring on the fifth gave 0.67–0.95 (plain
 * coverage: 0.52–0.93). Meaning alone does not separate them (an unrelated question can sit close to a
 * passage that shares its register) and neither do shared words alone ("order" in a shop); rare
 * shared words and the words the documents never use do most. `suggest` keeps the earlier distance
 * below `answer`.
 */
const OFFLINE: RelevanceThresholds = {
  answer: 0.65,
  keep: OFFLINE_KEEP,
  suggest: 0.4,
  coverageWeight: 0.5,
  weighTerms: true,
  foreignTermPenalty: 0.2,
  lowEvidence: OFFLINE_LOW_EVIDENCE,
  sentenceLead: OFFLINE_SENTENCE_LEAD,
  rareUnpairedObject: OFFLINE_RARE_UNPAIRED_OBJECT,
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

/**
 * What a best sentence that stands out adds to the question's evidence (see `sentenceLead`): 0 without
 * the setting or with fewer than two chunks' sentences to compare.
 */
export function sentenceLeadOf(
  bestSentences: readonly number[] | null | undefined,
  lead: RelevanceThresholds["sentenceLead"],
): number {
  // A chunk without a sentence (-1) has nothing to compare.
  const known = bestSentences?.filter((v) => v > -1) ?? [];
  if (!lead || known.length < 2) return 0;
  const best = Math.max(...known);
  const mean = known.reduce((sum, v) => sum + v, 0) / known.length;
  return lead.weight * (best - mean - lead.usual);
}

// "Can I / do you / how do I <action> <object>": a yes-no or how-to question about doing something
// to something, its subject a pronoun or a determined noun ("the app", "my order"), an adverb
// allowed before the action; "is it possible to" has no subject of its own.
const ACTION_QUESTION =
  /^(?:(?:can|could|do|does|will|would|how (?:do|can|should))\s+(?:i|you|it|we|they|(?:my|our|your|the) \S+)|is it possible to)\s+(?:(?:still|also|just|really)\s+)?(\S+)\s+(.*)$/i;
// The object runs until the first of these (the rest says where, when, with what).
const OBJECT_ENDS = new Set(
  "in on for with to from at by of into over before after so when if or and instead while".split(" "),
);

/** The action and the object's terms of an action question (see ACTION_QUESTION), or null. */
export function actionAndObject(question: string): { action: string; object: string[] } | null {
  const match = question
    .trim()
    .replace(/[?!.]+$/, "")
    .match(ACTION_QUESTION);
  if (!match) return null;
  const [action] = contentWords(match[1]!).map(stem);
  const object: string[] = [];
  for (const word of match[2]!.toLowerCase().split(/\s+/)) {
    if (OBJECT_ENDS.has(word)) break;
    object.push(...contentWords(word).map(stem));
  }
  return action && object.length > 0 ? { action, object } : null;
}

/**
 * Whether the chunk names the question's action but none of its object's terms, and the object's
 * last term (its noun, as questions put it) is named by at most `rare` of the business's chunks: the
 * passage does the thing asked to something else. Terms are read in the business's spellings.
 */
export function unpairedObject(
  read: QuestionEvidence,
  question: string,
  chunk: Pick<RankedChunk, "heading" | "text">,
  stats: TermStats,
  rare: number,
): boolean {
  const parsed = actionAndObject(question);
  if (!parsed) return false;
  const spellings = (term: string) => read.weighted.terms.find((t) => t.term === term)?.spellings ?? [term];
  const present = [termSet(chunk.heading), termSet(chunk.text)];
  const named = (term: string) =>
    spellings(term).some((spelling) =>
      spelling.split(" ").every((part) => present.some((set) => set.has(part))),
    );
  if (!named(parsed.action) || parsed.object.some(named)) return false;
  const head = parsed.object[parsed.object.length - 1]!;
  return Math.max(...spellings(head).map((spelling) => stats.frequency(spelling))) <= rare;
}

/**
 * Scores each retrieved chunk once and judges the question answerable, nearly, or not at all.
 * `bestSentences`, when known, holds the cosine of each of the first chunks' closest stored answer
 * sentence to the question, best chunk first (see `sentenceLead`); it moves only the answer/refuse
 * decision, not which chunks are kept.
 */
export function judgeRelevance(
  question: string,
  chunks: RankedChunk[],
  thresholds: RelevanceThresholds,
  stats: TermStats = NO_TERM_STATS,
  bestSentences: readonly number[] | null = null,
): Relevance {
  const read = readQuestion(question, stats);
  const scored = chunks.map((chunk) => ({ chunk, evidence: evidenceOf(read, chunk, thresholds) }));
  const best = scored.reduce<(typeof scored)[number] | null>(
    (top, entry) => (!top || entry.evidence > top.evidence ? entry : top),
    null,
  );
  if (
    best &&
    best.evidence + sentenceLeadOf(bestSentences, thresholds.sentenceLead) >= thresholds.answer &&
    !(
      thresholds.rareUnpairedObject !== undefined &&
      unpairedObject(read, question, best.chunk, stats, thresholds.rareUnpairedObject)
    )
  ) {
    // The best chunk always answers, even when the sentences' lead carried it over `answer` from below `keep`.
    const kept = scored.filter((entry) => entry === best || entry.evidence >= thresholds.keep);
    return {
      relevant: kept.map((entry) => entry.chunk),
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
