// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|cf|Mr|Mrs|Ms|Dr|St|No|Fig|approx|ca)\.$/i;

/** Sentences of a passage; list items and lines ending without punctuation count as sentences too. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    let current = "";
    for (const piece of line.split(/(?<=[.!?])\s+(?=["'([]?[\p{Lu}\d])/u)) {
      current = current ? `${current} ${piece}` : piece;
      if (!ABBREVIATIONS.test(current.trim())) {
        if (current.trim()) sentences.push(current.trim());
        current = "";
      }
    }
    if (current.trim()) sentences.push(current.trim());
  }
  return sentences;
}
