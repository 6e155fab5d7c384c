// A URL broken at a dot or slash continues on the next line without a space.
const OPEN_URL = /https?:(\/\/[^\s)\]>"”]*[./_#?=&-])?$/;
const URL_CONTINUATION = /^[\w./#?=&%~-]/;
// "docu-" + "mentation": a hyphen after a lowercase fragment is the typesetter's, so it goes.
const SOFT_HYPHEN_END = /(?:^|[\s(“"‘])\p{Ll}\p{L}*-$/u;
// After "Debian-" the hyphen is the author's ("Debian-based"); after an opening quote no space belongs.
const GLUED_END = /(?:[‘“(]|\p{L}-)$/u;

/** Joins lines wrapped by a layout engine back into running text, undoing end-of-line hyphenation. */
export function joinWrappedLines(lines: readonly string[]): string {
  let text = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!text) text = line;
    else if (SOFT_HYPHEN_END.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else if ((OPEN_URL.test(text) && URL_CONTINUATION.test(line)) || GLUED_END.test(text)) text += line;
    else text += ` ${line}`;
  }
  return text;
}
