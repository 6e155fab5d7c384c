/** One visual line of a PDF page, in PDF units (origin at the bottom left). */
export interface PdfLine {
  text: string;
  page: number;
  /** Left edge of the first glyph. */
  x: number;
  /** Right edge of the last glyph. */
  right: number;
  /** Baseline. */
  y: number;
  /** Font size of the line's longest run of text. */
  size: number;
}

/** The part of a pdf.js text item this module reads; marked-content items lack `str` and are skipped. */
interface PositionedText {
  str: string;
  transform: number[];
  width: number;
}

interface LineBuilder extends PdfLine {
  longestRun: number;
}

/** Groups pdf.js text items (in content order) into visual lines. */
export function textItemsToLines(items: readonly object[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: LineBuilder | undefined;
  for (const item of items) {
    if (!isPositionedText(item) || item.str === "") continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || 1;
    const blank = item.str.trim() === "";
    // Half a font size of vertical slack keeps superscripts and baseline jitter on their line.
    if (current && Math.abs(y - current.y) <= Math.max(size, current.size) * 0.5) {
      if (blank) {
        current.text += " ";
        continue;
      }
      if (x - current.right > size * 0.15 && !current.text.endsWith(" ") && !item.str.startsWith(" ")) {
        current.text += " ";
      }
      current.text += item.str;
      current.right = Math.max(current.right, x + item.width);
      if (item.str.length > current.longestRun) {
        current.longestRun = item.str.length;
        current.size = size;
      }
      continue;
    }
    if (blank) continue;
    if (current) pushLine(lines, current);
    current = { text: item.str, page, x, right: x + item.width, y, size, longestRun: item.str.length };
  }
  if (current) pushLine(lines, current);
  return lines;
}

function pushLine(lines: PdfLine[], builder: LineBuilder): void {
  const text = cleanLineText(builder.text);
  if (!text) return;
  const { longestRun: _, ...line } = builder;
  lines.push({ ...line, text });
}

function cleanLineText(text: string): string {
  return (
    text
      // LaTeX documents set an opening quote as a lone combining grave accent.
      .replace(/(^|\s)\u0300\s*/g, "$1\u2018")
      .replace(/[\u00a0\s]+/g, " ")
      .trim()
  );
}

function isPositionedText(item: object): item is PositionedText {
  return (
    "str" in item && typeof item.str === "string" && "transform" in item && Array.isArray(item.transform)
  );
}
