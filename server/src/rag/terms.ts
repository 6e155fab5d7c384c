// Words that carry no topic: matching them says nothing about whether a passage answers a question.
const STOPWORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have having how i if in into " +
    "is it its itself me my no not of on or our so some such than that the their them then there these they this " +
    "those to too was we were what when where which while who whom why will with would you your yours about " +
    "any all also am just more most other should very get got want need know tell please thanks thank hi hello " +
    "one ones way much many use using used something anything there's it's i'm can't don't"
  ).split(" "),
);

/** Crude suffix stripping: enough to make "installing", "installed" and "installs" meet. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ["ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** Content words of a text, lower-cased, stopwords dropped, not stemmed. */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu) ?? [];
  return words.filter((word) => word.length > 1 && !STOPWORDS.has(word));
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
