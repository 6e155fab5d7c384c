import { splitAtWords, splitSentences } from "./chunk-sentences";

/**
 * Sentence-sized windows of a chunk for a small sentence encoder, which is weak on long passages: about
 * 0.6 to 1.2 times `targetChars` (150 to 300 by default), sentences whole where they fit, a sentence longer
 * than a window cut at spaces. Lines (list items, table rows) are read as sentences.
 */
export function splitIntoWindows(text: string, targetChars = 250): string[] {
  const max = Math.round(targetChars * 1.2);
  const units = text
    .split(/\n+/)
    .flatMap((line) => splitSentences(line))
    .flatMap((sentence) => (sentence.length > max ? splitAtWords(sentence, targetChars) : [sentence]));
  const windows: string[] = [];
  let current = "";
  for (const unit of units) {
    if (current && current.length + 1 + unit.length > max) {
      windows.push(current);
      current = unit;
    } else {
      current = current ? `${current} ${unit}` : unit;
    }
  }
  if (current) windows.push(current);
  return windows;
}
