import type { PdfLine } from "./pdf-lines";

/** What "ordinary" looks like in one PDF, so headings and paragraph breaks can be told from it. */
export interface PdfLayout {
  /** The font size most characters are set in. */
  bodySize: number;
  /** The usual baseline-to-baseline distance of body lines. */
  lineGap: number;
}

export function measureLayout(pages: PdfLine[][]): PdfLayout {
  const charsBySize = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    charsBySize.set(size, (charsBySize.get(size) ?? 0) + line.text.length);
  }
  let bodySize = 10;
  let most = -1;
  for (const [size, chars] of charsBySize) {
    if (chars > most) [bodySize, most] = [size, chars];
  }
  const gaps: number[] = [];
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index++) {
      const [previous, line] = [lines[index - 1]!, lines[index]!];
      const gap = previous.y - line.y;
      const bodyLines = isBodySize(previous.size, bodySize) && isBodySize(line.size, bodySize);
      if (bodyLines && gap > bodySize * 0.5 && gap < bodySize * 3) gaps.push(gap);
    }
  }
  gaps.sort((a, b) => a - b);
  return { bodySize, lineGap: gaps[Math.floor(gaps.length / 2)] ?? bodySize * 1.2 };
}

export function isBodySize(size: number, bodySize: number): boolean {
  return Math.abs(size - bodySize) <= bodySize * 0.08;
}
