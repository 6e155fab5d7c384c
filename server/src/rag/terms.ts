import { stem as porter2 } from "porter2";
import { foldToAscii } from "./fts-tokens";

// Words that carry no topic: matching them says nothing about whether a passage answers a question.
const STOPWORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have having how i if in into " +
    "is it its itself me my no not of on or our so some such than that the their them then there these they this " +
    "those to too was we were what when where which while who whom why will with would you your yours about " +
    "any all also am just more most other should very get got want need know tell please thanks thank hi hello " +
    "one ones way much many use using used something anything there's it's i'm can't don't " +
    // Contractions as customers type them in a chat, without the apostrophe, and chat filler: function
    // words, not topics (the ones that are also words, "ill", "id", "wont", "lets", are left out).
    "dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt shouldnt havent hasnt hadnt " +
    "ive im youre theyre weve youve theyve theres whats thats heres wheres hows whos " +
    "pls plz thx oops ok okay hey yeah btw"
  ).split(" "),
);

/**
 * Porter2 (Snowball English), the stemmer the full-text index uses: "size" and "sizes", "generate" and
 * "generated", "fit" and "fits" meet. The earlier suffix stripping left words of four letters alone and
 * cut "sizes" to "siz" but "size" not at all, so a customer's plural counted as a word the documents
 * never use. With Porter2 and the typed contractions below, in-scope questions holding a word their
 * business never uses went from 39 to 32 over the five tuned help centers (bench/relevance-study.ts
 * corpora), out-of-scope ones kept theirs.
 */
export function stem(word: string): string {
  return porter2(word);
}

// A word starts and ends with a letter or digit: "xoxe-" as typed before a dash is "xoxe".
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'_-]*[\p{L}\p{N}])?/gu;

/**
 * Content words of a text, lower-cased, accents folded ("café" and "cafe" meet), stopwords dropped,
 * not stemmed. A hyphenated word counts as written and run together.
 */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  const keep = (word: string) => {
    if (word.length > 1 && !STOPWORDS.has(word)) words.push(word);
  };
  for (const [typed] of text.toLowerCase().matchAll(WORD)) {
    const word = foldToAscii(typed);
    keep(word);
    // Run together, so "wi-fi" meets "wifi"; not also its parts: "self" and "host" of "self-hosted"
    // let two out-of-scope questions through on zulip-help (bench/relevance-study.ts).
    if (word.includes("-")) keep(word.replace(/-/g, ""));
  }
  return words;
}

/** Content terms of a text, lower-cased and stemmed, stopwords dropped. */
export function contentTerms(text: string): string[] {
  return contentWords(text).map(stem);
}

/**
 * Term sets of recent passages. Every turn weighs the coverage of ~35 retrieved chunks, and the
 * same chunks come back turn after turn: tokenising them again cost ~2.5 ms of a turn's CPU on the
 * FAQ (bench/turns.bench.ts). 2,048 chunk-sized passages hold ~15 MB.
 */
const TERM_SET_CACHE_ENTRIES = 2_048;
const termSets = new Map<string, ReadonlySet<string>>();

/** The passage's content terms as a set, remembered for the passages seen most recently. */
export function termSet(passage: string): ReadonlySet<string> {
  const cached = termSets.get(passage);
  if (cached) {
    // Used again: to the back of the eviction order.
    termSets.delete(passage);
    termSets.set(passage, cached);
    return cached;
  }
  const set = new Set(contentTerms(passage));
  termSets.set(passage, set);
  if (termSets.size > TERM_SET_CACHE_ENTRIES) termSets.delete(termSets.keys().next().value!);
  return set;
}

/**
 * Share of the query's distinct terms that occur in any of the passages (0 to 1): a chunk's heading
 * and text count as one passage, but are looked up apart, so the cache keys are the store's own
 * strings (their hashes kept) instead of a new joined string of a few KB every turn.
 */
export function termCoverage(queryTerms: string[], ...passages: string[]): number {
  const wanted = new Set(queryTerms);
  if (wanted.size === 0) return 0;
  const present = passages.map(termSet);
  let hits = 0;
  for (const term of wanted) if (present.some((set) => set.has(term))) hits++;
  return hits / wanted.size;
}
