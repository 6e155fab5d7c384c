import { isCommonWord } from "./common-words";
import type { TermStats } from "./term-stats";
import { contentWords, stem, termSet } from "./terms";
import { wordVariants } from "./word-variants";

/** One content term of a question, weighed by its rarity among the business's chunks. */
export interface WeightedTerm {
  term: string;
  /**
   * The term itself, or the business's own spellings of it when the question misspells or shortens
   * it; a spelling of two stems joined by a space needs both (a compound the business writes apart).
   */
  spellings: string[];
  weight: number;
}

export interface WeightedQuestion {
  terms: WeightedTerm[];
  /** Sum of the weights. */
  total: number;
  /**
   * Terms that no chunk of the business holds, in any near spelling, and that are not common words:
   * they name something the documents do not cover ("paypal" asked of a shop that lists its cards).
   */
  foreign: number;
}

// Shorter words are too often one letter from another real word to count as a misspelling of it.
const MIN_MISSPELT_LENGTH = 5;

/**
 * The question's content terms, each weighted by inverse chunk frequency in this business
 * (ln(1 + chunks / (frequency + 1))): a term every article uses ("order" in a shop) says little, one
 * that three chunks hold says which they are. A term the business never uses is read as the
 * business's spelling one edit away when there is one (customers misspell), and otherwise weighs
 * the most: a chunk without it does not answer a question that asks about it.
 */
export function weighQuestion(question: string, stats: TermStats): WeightedQuestion {
  const last = lastWeighed.get(stats);
  if (last && last.question === question && last.chunks === stats.chunks) return last.weighted;
  const weighted = weighed(question, stats);
  lastWeighed.set(stats, { question, chunks: stats.chunks, weighted });
  return weighted;
}

/**
 * The last question weighed against each business's counts (while they count as many chunks): the
 * answer decision and the extractive answerer's choice of chunk weigh the same question one after
 * the other, and a word the business never uses is looked for among all its terms (zulip-help: p50
 * 0.01 ms, p90 0.1 ms, at most 3 ms a question).
 */
type Weighed = { question: string; chunks: number; weighted: WeightedQuestion };
const lastWeighed = new WeakMap<TermStats, Weighed>();

function weighed(question: string, stats: TermStats): WeightedQuestion {
  const terms: WeightedTerm[] = [];
  const seen = new Set<string>();
  let foreign = 0;
  const words = contentWords(question);
  const near = nearSpellingsOfMany(misspeltCandidates(words, stats), stats);
  for (const word of words) {
    const term = stem(word);
    if (seen.has(term)) continue;
    seen.add(term);
    const spellings = stats.frequency(term) > 0 ? [term] : businessSpellings(word, term, stats, near);
    const frequency = Math.max(...spellings.map((spelling) => frequencyOf(spelling, stats)));
    // A contraction ("isn't", "we're") is a function word the stopword list does not spell out.
    if (frequency === 0 && !word.includes("'") && !isCommonWord(word) && !isCommonWord(term)) foreign++;
    terms.push({ term, spellings, weight: Math.log(1 + stats.chunks / (frequency + 1)) });
  }
  return { terms, total: terms.reduce((sum, t) => sum + t.weight, 0), foreign };
}

/** How the business writes a question's word it never uses as typed: misspelt, shortened, run together. */
function businessSpellings(
  word: string,
  term: string,
  stats: TermStats,
  nearOfMany: ReadonlyMap<string, string[]> | null,
): string[] {
  if (term.length >= MIN_MISSPELT_LENGTH) {
    const near = nearOfMany ? (nearOfMany.get(term) ?? [term]) : nearSpellings(word, term, stats);
    if (near[0] !== term) return near;
  }
  const variants = wordVariants(word, stats);
  return variants.length ? variants : [term];
}

/** Chunks holding the spelling; for two words, the rarer one's count (both are needed). */
function frequencyOf(spelling: string, stats: TermStats): number {
  if (!spelling.includes(" ")) return stats.frequency(spelling);
  return Math.min(...spelling.split(" ").map((part) => stats.frequency(part)));
}

const holds = (present: ReadonlySet<string>[], spelling: string) =>
  spelling.includes(" ")
    ? spelling.split(" ").every((part) => present.some((set) => set.has(part)))
    : present.some((set) => set.has(spelling));

/** Share of the question's term weight that the passages (a chunk's heading and text) hold, 0 to 1. */
export function weightedCoverage(question: WeightedQuestion, ...passages: string[]): number {
  if (question.total === 0) return 0;
  const present = passages.map(termSet);
  let held = 0;
  for (const t of question.terms)
    if (t.spellings.some((spelling) => holds(present, spelling))) held += t.weight;
  return held / question.total;
}

// Porter2 takes at most this many letters off a word's end ("different" → "differ").
const STEM_SUFFIX_LETTERS = 3;
// A stem read off the start of a misspelt word is this long at least: five letters are too often one
// from another word ("decib", of "decibels", is one letter from "decid", of "decide").
const MIN_MISSPELT_STEM_LENGTH = 6;

/**
 * The business's terms one edit (insertion, deletion, substitution or swap) from the stemmed `term`,
 * or from the start of the typed `word` that a stem would keep ("diffrent" stems as typed but
 * "different" to "differ": "diffr" is one letter from it), or `[term]`.
 */
function nearSpellings(word: string, term: string, stats: TermStats): string[] {
  const near: string[] = [];
  for (const [candidate] of stats.entries()) if (isNearSpelling(word, term, candidate)) near.push(candidate);
  return near.length ? near : [term];
}

function isNearSpelling(word: string, term: string, candidate: string): boolean {
  return (
    (Math.abs(candidate.length - term.length) <= 1 && oneEditApart(term, candidate)) ||
    (candidate.length >= MIN_MISSPELT_STEM_LENGTH && stemOfMisspelt(word, candidate))
  );
}

// Up to this many words to look up, each scans the business's terms (a few ms at 150k terms). Past
// it one scan serves them all: a visitor's 4,000 characters of made-up five-letter words (~660
// lookups) cost ~6 s of the event loop at 150k terms one scan per word, every other chat stalled.
const PER_WORD_SCANS = 4;

/** The question's words that nearSpellings would look up (first of each stem, as `weighed` reads them), by stem. */
function misspeltCandidates(words: string[], stats: TermStats): Map<string, string> {
  const lookups = new Map<string, string>();
  for (const word of words) {
    const term = stem(word);
    if (term.length >= MIN_MISSPELT_LENGTH && !lookups.has(term) && stats.frequency(term) === 0)
      lookups.set(term, word);
  }
  return lookups;
}

/**
 * nearSpellings of every (stem → word) at once, the same spellings in the same order, or null when
 * there are few enough to look up one by one. Two strings one edit apart (insertion, deletion,
 * substitution, swap) share the string or one of its one-letter deletions, so the question's stems
 * and the word starts stemOfMisspelt compares are keyed by those, and each of the business's terms
 * is checked, by the same tests, only against the lookups it shares a key with.
 */
function nearSpellingsOfMany(lookups: Map<string, string>, stats: TermStats): Map<string, string[]> | null {
  if (lookups.size <= PER_WORD_SCANS) return null;
  const byKey = new Map<string, Set<string>>();
  const keyLengths = new Set<number>();
  const index = (text: string, term: string) => {
    for (const key of withOneDeletion(text)) {
      const terms = byKey.get(key);
      if (terms) terms.add(term);
      else byKey.set(key, new Set([term]));
      keyLengths.add(key.length);
    }
  };
  for (const [term, word] of lookups) {
    index(term, term);
    // The starts of `word` stemOfMisspelt compares with a term of MIN_MISSPELT_STEM_LENGTH letters or more.
    const from = Math.max(MIN_MISSPELT_STEM_LENGTH - 1, word.length - STEM_SUFFIX_LETTERS);
    for (let length = from; length <= word.length; length++) index(word.slice(0, length), term);
  }
  const near = new Map<string, string[]>();
  for (const [candidate] of stats.entries()) {
    if (!keyLengths.has(candidate.length) && !keyLengths.has(candidate.length - 1)) continue;
    const shared = new Set<string>();
    for (const key of withOneDeletion(candidate)) for (const term of byKey.get(key) ?? []) shared.add(term);
    for (const term of shared) {
      if (!isNearSpelling(lookups.get(term) as string, term, candidate)) continue;
      const found = near.get(term);
      if (found) found.push(candidate);
      else near.set(term, [candidate]);
    }
  }
  return near;
}

/** The text and each text one letter shorter. */
function withOneDeletion(text: string): string[] {
  const keys = [text];
  for (let i = 0; i < text.length; i++) keys.push(text.slice(0, i) + text.slice(i + 1));
  return keys;
}

/**
 * Whether `stemmed` is one edit from a start of `word` that leaves at most a suffix's letters. Every
 * unknown word is checked against every term of the business: the cheap tests (length, first letter:
 * a misspelling seldom changes it) go first: without them a question with two unknown words cost
 * ~1.6 ms more at 3,000 terms, with them within the noise of not checking at all.
 */
function stemOfMisspelt(word: string, stemmed: string): boolean {
  if (stemmed.length + 1 < word.length - STEM_SUFFIX_LETTERS || stemmed.length - 1 > word.length)
    return false;
  if (stemmed.charCodeAt(0) !== word.charCodeAt(0)) return false;
  for (let length = stemmed.length - 1; length <= stemmed.length + 1; length++)
    if (length >= word.length - STEM_SUFFIX_LETTERS && length <= word.length)
      if (oneEditApart(word.slice(0, length), stemmed)) return true;
  return false;
}

export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    const [i, j] = diff as [number, number];
    return diff.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
