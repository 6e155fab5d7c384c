/** A stretch of one line set apart from its neighbours by a wide gap: a table cell, or the whole line. */
export interface PdfCell {
  text: string;
  x: number;
  right: number;
}

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
  /** pdf.js's name for the font of the line's longest run (tells a bold header row from its body). */
  font: string;
  /** Every run of the line is set in a monospaced font: a line of code or a command. */
  monospace: boolean;
  /** The line cut at gaps wider than CELL_GAP font sizes; one cell for ordinary text. */
  cells: PdfCell[];
}

/** The part of a pdf.js text item this module reads; marked-content items lack `str` and are skipped. */
interface PositionedText {
  str: string;
  transform: number[];
  width: number;
  fontName?: string;
}

/** The font facts pdf.js gives beside the items (`getTextContent().styles`). */
export type PdfFontStyles = Record<string, { fontFamily?: string }>;

interface LineBuilder extends PdfLine {
  longestRun: number;
}

/**
 * Gap, in font sizes, that separates table cells. Word spaces are about 0.3 of the font size (up to about
 * 0.6 in loosely justified lines); the narrowest gap between a row label and its first value in the
 * help-center PDFs' permission tables (Chromium) is 1.2.
 */
const CELL_GAP = 1;

const LIST_MARKER = /^(?:[•●▪◦‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])$/;

/** Groups pdf.js text items (in content order) into visual lines. */
export function textItemsToLines(
  items: readonly object[],
  page: number,
  styles: PdfFontStyles = {},
): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: LineBuilder | undefined;
  const isMonospace = (item: PositionedText) =>
    item.fontName !== undefined && styles[item.fontName]?.fontFamily === "monospace";
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
      const gap = x - current.right;
      const cell = current.cells.at(-1)!;
      // A list number or bullet set apart by a tab is the item's marker, not a column of its own.
      if (gap > size * CELL_GAP && !LIST_MARKER.test(cell.text.trim())) {
        current.cells.push({ text: item.str, x, right: x + item.width });
      } else {
        if (gap > size * 0.15 && !cell.text.endsWith(" ") && !item.str.startsWith(" ")) cell.text += " ";
        cell.text += item.str;
        cell.right = Math.max(cell.right, x + item.width);
      }
      if (gap > size * 0.15 && !current.text.endsWith(" ") && !item.str.startsWith(" ")) {
        current.text += " ";
      }
      current.text += item.str;
      current.right = Math.max(current.right, x + item.width);
      current.monospace &&= isMonospace(item);
      if (item.str.length > current.longestRun) {
        current.longestRun = item.str.length;
        current.size = size;
        current.font = item.fontName ?? "";
      }
      continue;
    }
    if (blank) continue;
    if (current) pushLine(lines, current);
    current = {
      text: item.str,
      page,
      x,
      right: x + item.width,
      y,
      size,
      font: item.fontName ?? "",
      monospace: isMonospace(item),
      cells: [{ text: item.str, x, right: x + item.width }],
      longestRun: item.str.length,
    };
  }
  if (current) pushLine(lines, current);
  return lines;
}

function pushLine(lines: PdfLine[], builder: LineBuilder): void {
  // Code keeps its inner spacing; prose has its runs of spaces collapsed.
  const text = builder.monospace ? builder.text.replace(/\u00a0/g, " ").trim() : cleanLineText(builder.text);
  if (!text) return;
  const { longestRun: _, ...line } = builder;
  const cells = builder.cells
    .map((cell) => ({ ...cell, text: cleanLineText(cell.text) }))
    .filter((cell) => cell.text);
  lines.push({ ...line, text, cells });
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
