/** What one document says about a hyphen at the end of a line: the typesetter's, or the author's. */
export interface Hyphenation {
  /** Words of the document (lowercase), not counting the pieces of words broken at a line end. */
  words: ReadonlySet<string>;
  /** The document breaks words itself (LaTeX does; Word, LibreOffice and browsers do not by default). */
  breaksWords: boolean;
}

const BROKEN_END = /(\p{L}+)-$/u;
const NEXT_WORD = /^(\p{Ll}+)/u;
// Breaks whose joined word occurs elsewhere in the document, at least, before the document counts as one
// that hyphenates words: measured on the Debian FAQ (LaTeX, about 90 of 110 breaks are such words) against
// the help-center PDFs (Chromium and LibreOffice, none).
const MIN_WORD_BREAKS = 2;

/** Reads a document's lines (in reading order) for the words it uses and whether it hyphenates them. */
export function readHyphenation(lines: readonly string[]): Hyphenation {
  const words = new Set<string>();
  const pieces = new Set<number>();
  for (const [index, line] of lines.entries()) {
    if (BROKEN_END.test(line) && NEXT_WORD.test(lines[index + 1] ?? "")) pieces.add(index);
  }
  for (const [index, line] of lines.entries()) {
    const tokens = line.toLowerCase().match(/\p{L}+/gu) ?? [];
    const from = pieces.has(index - 1) ? 1 : 0;
    const to = pieces.has(index) ? tokens.length - 1 : tokens.length;
    for (const token of tokens.slice(from, to)) words.add(token);
  }
  let wordBreaks = 0;
  let compounds = 0;
  for (const index of pieces) {
    const verdict = judgeBreak(
      BROKEN_END.exec(lines[index]!)![1]!,
      NEXT_WORD.exec(lines[index + 1]!)![1]!,
      words,
    );
    if (verdict === "join") wordBreaks += 1;
    if (verdict === "keep") compounds += 1;
  }
  return { words, breaksWords: wordBreaks >= MIN_WORD_BREAKS && wordBreaks > compounds };
}

/** "docu" + "mentation": the document writes "documentation"; "resource" + "intensive": two words. */
export function judgeBreak(
  before: string,
  after: string,
  words: ReadonlySet<string>,
): "join" | "keep" | undefined {
  const [left, right] = [before.toLowerCase(), after.toLowerCase()];
  if (words.has(left + right)) return "join";
  if (left.length >= 2 && right.length >= 2 && words.has(left) && words.has(right)) return "keep";
  return undefined;
}
