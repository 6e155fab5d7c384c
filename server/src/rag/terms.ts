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

/** Content terms of a text, lower-cased and stemmed, stopwords dropped. */
export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu) ?? [];
  return words.filter((word) => word.length > 1 && !STOPWORDS.has(word)).map(stem);
}

/** Share of the query's distinct terms that occur in the passage (0 to 1). */
export function termCoverage(queryTerms: string[], passage: string): number {
  const wanted = new Set(queryTerms);
  if (wanted.size === 0) return 0;
  const present = new Set(contentTerms(passage));
  let hits = 0;
  for (const term of wanted) if (present.has(term)) hits++;
  return hits / wanted.size;
}
