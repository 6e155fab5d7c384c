import { type Hyphenation, judgeBreak } from "./hyphenation";

// A URL broken at a dot or slash continues on the next line without a space.
const OPEN_URL = /https?:(\/\/[^\s)\]>"”]*[./_#?=&-])?$/;
const URL_CONTINUATION = /^[\w./#?=&%~-]/;
// "docu-" + "mentation": a hyphen after a lowercase fragment is the typesetter's, so it goes.
const SOFT_HYPHEN_END = /(?:^|[\s(“"‘])\p{Ll}\p{L}*-$/u;
// After "Debian-" the hyphen is the author's ("Debian-based"); after an opening quote no space belongs.
const GLUED_END = /(?:[‘“(]|\p{L}-)$/u;
const BROKEN_WORD = /(\p{L}+)-$/u;
const NEXT_WORD = /^(\p{Ll}+)/u;

/**
 * Joins lines wrapped by a layout engine back into running text, undoing end-of-line hyphenation. With what
 * the document says about its hyphens (`readHyphenation`), a hyphen goes only where the joined word is the
 * document's own, or where the document hyphenates words and the two halves are not both words.
 */
export function joinWrappedLines(lines: readonly string[], hyphenation?: Hyphenation): string {
  let text = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!text) text = line;
    else if (isSoftHyphen(text, line, hyphenation)) text = text.slice(0, -1) + line;
    else if ((OPEN_URL.test(text) && URL_CONTINUATION.test(line)) || GLUED_END.test(text)) text += line;
    else text += ` ${line}`;
  }
  return text;
}

function isSoftHyphen(text: string, line: string, hyphenation: Hyphenation | undefined): boolean {
  if (!hyphenation) return SOFT_HYPHEN_END.test(text) && /^\p{Ll}/u.test(line);
  const before = BROKEN_WORD.exec(text)?.[1];
  const after = NEXT_WORD.exec(line)?.[1];
  if (!before || !after || OPEN_URL.test(text)) return false;
  const verdict = judgeBreak(before, after, hyphenation.words);
  if (verdict) return verdict === "join";
  return hyphenation.breaksWords && SOFT_HYPHEN_END.test(text);
}
