// Words that end in a period without ending a sentence (compared lowercase, without the period).
const ABBREVIATIONS = new Set(
  "e.g i.e a.k.a cf vs al mr mrs ms dr prof sr jr st no nr fig approx ca inc ltd co dept resp vol p pp".split(
    " ",
  ),
);
const BOUNDARY = /([.!?…]+)["'”’)\]]*\s+/g;

/** Splits running text into sentences, trimmed; abbreviations, initials and "e.g. foo" do not end one. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    // Only the word before the stop matters; looking back further would rescan skipped text.
    const word = /(\S+)$/.exec(text.slice(Math.max(start, match.index - 64), match.index))?.[1] ?? "";
    if (!endsSentence(word, match[1]!, text[end] ?? "")) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function endsSentence(word: string, punctuation: string, next: string): boolean {
  // A lowercase word after the stop continues the sentence ("e.g. shoes", "approx. five").
  if (/\p{Ll}/u.test(next)) return false;
  if (punctuation !== ".") return true;
  const bare = word.replace(/^["'“‘(]+/, "").toLowerCase();
  if (ABBREVIATIONS.has(bare)) return false;
  // An initial, as in "J. Smith".
  return !/^\p{Lu}$/u.test(word);
}

/** Splits text at spaces into parts of at most `max` characters; a longer word is cut. */
export function splitAtWords(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (current && current.length + 1 + word.length > max) {
      parts.push(current);
      current = "";
    }
    let rest = word;
    while (rest.length > max) {
      parts.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = current ? `${current} ${rest}` : rest;
  }
  if (current) parts.push(current);
  return parts;
}
