import type { PdfLayout } from "./pdf-layout";
import type { PdfLine } from "./pdf-lines";

// A step ("5. Click Save."), a bullet or a command repeated atop several pages is the document's content.
const LIST_ITEM = /^(?:[•●▪◦‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+/;
// Baselines within this many points are the same place on the page (running heads do not move).
const SAME_PLACE = 3;

const PAGE_NUMBER = /^(page\s+)?[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?(\s*(of|\/)\s*\d{1,4})?$/i;
// Lines looked at on each edge of a page: a header or footer is rarely more than two lines deep.
const EDGE_DEPTH = 2;
const MAX_FURNITURE_CHARS = 160;

/**
 * Drops running headers, footers and page numbers: repeated on every page, they match every question and
 * crowd real answers out of retrieval. A line goes when it sits on a page's edge and either is a page number,
 * repeats (digits aside) on the edges of several pages, or stands apart from the body at the same height on
 * several pages (running heads that name the current section change from page to page, not where they sit).
 */
export function removePageFurniture(pages: PdfLine[][], layout: PdfLayout): PdfLine[][] {
  const { bodySize } = layout;
  const edges = pages.map(edgeLines);
  // Running heads are set in body type or smaller; a large "Chapter 3" atop a page is a heading. Table rows
  // (a header repeated on each page) are left for the table to read; list items and code are content.
  const candidates = edges.map((lines) =>
    lines.filter(
      (line) =>
        line.text.length <= MAX_FURNITURE_CHARS &&
        line.size <= bodySize * 1.1 &&
        line.cells.length === 1 &&
        !line.monospace &&
        !LIST_ITEM.test(line.text),
    ),
  );
  const minPages = pages.length >= 3 ? 3 : 2;
  // A line repeated on a few pages of a long document is a repeated instruction, not a running head.
  const minRepeats = Math.max(minPages, Math.ceil(pages.length * 0.3));
  const repeated = pages.length >= 2 ? repeatedTexts(candidates, minRepeats) : new Set<string>();
  const outside =
    pages.length >= 2
      ? detachedEdgeLines(pages, layout, Math.max(minPages, Math.ceil(pages.length * 0.2)))
      : [];
  const drop = new Set<PdfLine>(outside);
  for (const [index, lines] of edges.entries()) {
    for (const line of lines) if (PAGE_NUMBER.test(line.text)) drop.add(line);
    for (const line of candidates[index] ?? []) if (repeated.has(placedKey(line))) drop.add(line);
  }
  return pages.map((lines) => lines.filter((line) => !drop.has(line)));
}

/** The lines on the top and bottom EDGE_DEPTH baselines of a page. */
function edgeLines(lines: PdfLine[]): PdfLine[] {
  const baselines = [...new Set(lines.map((line) => Math.round(line.y)))].sort((a, b) => b - a);
  const top = baselines[EDGE_DEPTH - 1] ?? Number.NEGATIVE_INFINITY;
  const bottom = baselines.at(-EDGE_DEPTH) ?? Number.POSITIVE_INFINITY;
  return lines.filter((line) => Math.round(line.y) >= top || Math.round(line.y) <= bottom);
}

function key(line: PdfLine): string {
  return line.text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ");
}

/** The same text at the same height of the page: what a running head or footer is. */
function placedKey(line: PdfLine): string {
  return `${key(line)}@${Math.round(line.y / SAME_PLACE)}`;
}

function repeatedTexts(edges: PdfLine[][], minPages: number): Set<string> {
  const pagesByKey = new Map<string, number>();
  for (const lines of edges) {
    for (const k of new Set(lines.map(placedKey))) pagesByKey.set(k, (pagesByKey.get(k) ?? 0) + 1);
  }
  return new Set([...pagesByKey].filter(([, count]) => count >= minPages).map(([k]) => k));
}

/**
 * Top and bottom lines set apart from the body by more than a paragraph gap, at the same height on enough
 * pages, that read like running heads: smaller type, capitals, or a shared opening ("Chapter 3 ...").
 */
function detachedEdgeLines(pages: PdfLine[][], layout: PdfLayout, minPages: number): PdfLine[] {
  const bands = new Map<string, PdfLine[]>();
  const minGap = layout.lineGap * 1.6;
  for (const lines of pages) {
    // With fewer lines the "body" would be a single line, and a lone paragraph is not a header.
    if (lines.length < 3) continue;
    const sorted = [...lines].sort((a, b) => b.y - a.y);
    const [top, second] = [sorted[0]!, sorted[1]!];
    const [bottom, penultimate] = [sorted.at(-1)!, sorted.at(-2)!];
    const detached = (line: PdfLine, gap: number) =>
      gap > minGap && line.size <= layout.bodySize * 1.1 && line.text.length <= MAX_FURNITURE_CHARS;
    if (detached(top, top.y - second.y)) addToBand(bands, `top ${Math.round(top.y / 2)}`, top);
    if (detached(bottom, penultimate.y - bottom.y))
      addToBand(bands, `bottom ${Math.round(bottom.y / 2)}`, bottom);
  }
  const furniture = [...bands.values()].filter(
    (lines) => lines.length >= minPages && readsLikeRunningHead(lines, layout.bodySize),
  );
  return furniture.flat();
}

function readsLikeRunningHead(lines: PdfLine[], bodySize: number): boolean {
  const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  if (average(lines.map((line) => line.size)) < bodySize * 0.95) return true;
  const capitals = lines.filter((line) => {
    const letters = line.text.replace(/[^\p{L}]/gu, "");
    return letters.length > 0 && letters.replace(/\P{Lu}/gu, "").length >= letters.length * 0.6;
  });
  if (capitals.length >= lines.length * 0.6) return true;
  const openings = new Map<string, number>();
  for (const line of lines) {
    const opening = key(line).slice(0, 8);
    openings.set(opening, (openings.get(opening) ?? 0) + 1);
  }
  return Math.max(...openings.values()) >= lines.length * 0.5;
}

function addToBand(bands: Map<string, PdfLine[]>, band: string, line: PdfLine): void {
  bands.set(band, [...(bands.get(band) ?? []), line]);
}
