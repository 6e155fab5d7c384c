import type { PdfLayout } from "./pdf-layout";
import type { PdfLine } from "./pdf-lines";

/** A grid of cells found on one page, with the lines it was read from. */
export interface PdfTable {
  rows: string[][];
  /** The first row is set in another font than the rest: it names the columns. */
  hasHeader: boolean;
  lines: Set<PdfLine>;
  page: number;
}

interface Baseline {
  y: number;
  lines: PdfLine[];
  cells: { text: string; x: number; right: number }[];
}

// A gap between baselines this much wider than the table's narrowest one (a cell's wrapped line) starts a
// new row: cell padding. Chromium's wrapped cell lines vary by 5 % (15.0 to 15.7 pt); its rows are 1.5 apart.
const ROW_GAP = 1.15;
// Rows this far apart (in line gaps) are not one table.
const MAX_ROW_GAP = 3.5;

/**
 * Finds tables on a page: runs of baselines where at least two hold several cells (text separated by
 * column-wide gaps), with the lines in between that fit inside one column (a cell wrapped onto a second
 * line, or a row whose other cells are empty). Text running across the columns ends the table.
 */
export function findTables(lines: PdfLine[], layout: PdfLayout): PdfTable[] {
  const baselines = toBaselines(lines);
  const tables: PdfTable[] = [];
  for (let start = 0; start < baselines.length; start++) {
    if (baselines[start]!.cells.length < 2) continue;
    const run = extendRun(baselines, start, layout);
    if (isGrid(run, layout.bodySize)) {
      tables.push(toTable(run, layout));
      start += run.length - 1;
    }
  }
  return tables;
}

/**
 * Two lines with wide gaps are a table only when their cells line up: at least two baselines besides the
 * one with the most cells start every cell on one of its columns (headers may be centred, so not all).
 * Loosely justified prose has wide gaps too, but never at the same places.
 */
function isGrid(run: Baseline[], bodySize: number): boolean {
  const columns = columnStarts(run);
  const aligned = run.filter(
    (baseline) =>
      baseline.cells.length >= 2 &&
      baseline.cells.every((cell) => columns.some((start) => Math.abs(start - cell.x) <= bodySize * 0.5)),
  );
  return aligned.length >= 2;
}

function toBaselines(lines: PdfLine[]): Baseline[] {
  const sorted = [...lines].sort((a, b) => b.y - a.y || a.x - b.x);
  const baselines: Baseline[] = [];
  for (const line of sorted) {
    const last = baselines.at(-1);
    if (last && Math.abs(last.y - line.y) <= line.size * 0.3) last.lines.push(line);
    else baselines.push({ y: line.y, lines: [line], cells: [] });
  }
  for (const baseline of baselines) {
    // Code keeps its own alignment: a command's spaced-out columns are not a table.
    baseline.cells = baseline.lines
      .flatMap((line) => (line.monospace ? [{ text: line.text, x: line.x, right: line.right }] : line.cells))
      .sort((a, b) => a.x - b.x);
  }
  return baselines;
}

function extendRun(baselines: Baseline[], start: number, layout: PdfLayout): Baseline[] {
  const run = [baselines[start]!];
  let columns = columnStarts(run);
  for (let index = start + 1; index < baselines.length; index++) {
    const baseline = baselines[index]!;
    const gap = run.at(-1)!.y - baseline.y;
    if (gap > layout.lineGap * MAX_ROW_GAP) break;
    if (baseline.cells.length < 2 && !fitsOneColumn(baseline.cells[0]!, columns, layout.bodySize)) break;
    run.push(baseline);
    columns = columnStarts(run);
  }
  // A run that ends on lines in one column only (a caption, a note below) keeps them out, unless they are
  // the wrapped end of the last row's first cell.
  const wrap = narrowestGap(run);
  while (run.length > 1 && run.at(-1)!.cells.length < 2 && run.at(-1)!.cells[0]!.x <= columns[0]!) {
    const below = run.at(-1)!;
    const above = run.at(-2)!;
    if (above.y - below.y <= wrap * ROW_GAP && above.cells.length >= 2) break;
    run.pop();
  }
  return run;
}

/**
 * Column left edges: those of the baseline with the most cells, and of those the one that starts
 * furthest left: data rows' cells start at the column's edge, a header's may be centred in it (a
 * centred header row above its rows was read as a heading, and the table lost its column names).
 */
function columnStarts(run: Baseline[]): number[] {
  const widest = run.reduce((best, baseline) =>
    baseline.cells.length > best.cells.length ||
    (baseline.cells.length === best.cells.length && baseline.cells[0]!.x < best.cells[0]!.x)
      ? baseline
      : best,
  );
  return widest.cells.map((cell) => cell.x);
}

function columnOf(x: number, columns: number[], bodySize: number): number {
  let column = 0;
  for (const [index, start] of columns.entries()) if (x >= start - bodySize * 0.5) column = index;
  return column;
}

/** Within the table's columns: not left of the first, and not running into the next column. */
function fitsOneColumn(cell: { x: number; right: number }, columns: number[], bodySize: number): boolean {
  if (cell.x < columns[0]! - bodySize * 0.2) return false;
  const next = columns[columnOf(cell.x, columns, bodySize) + 1];
  return next === undefined || cell.right <= next;
}

function narrowestGap(run: Baseline[]): number {
  let least = Number.POSITIVE_INFINITY;
  for (let index = 1; index < run.length; index++) least = Math.min(least, run[index - 1]!.y - run[index]!.y);
  return least;
}

function toTable(run: Baseline[], layout: PdfLayout): PdfTable {
  const columns = columnStarts(run);
  // Without padding between rows (every gap alike), every baseline is a row.
  const wrap = narrowestGap(run);
  const gapAbove = (index: number) => run[index - 1]!.y - run[index]!.y;
  const padded = run.some((_, index) => index > 0 && gapAbove(index) > wrap * ROW_GAP);
  const rows: { cells: string[][]; fonts: Set<string> }[] = [];
  for (const [index, baseline] of run.entries()) {
    const newRow = index === 0 || !padded || gapAbove(index) > wrap * ROW_GAP;
    if (newRow) rows.push({ cells: columns.map(() => []), fonts: new Set() });
    const row = rows.at(-1)!;
    for (const cell of baseline.cells) row.cells[columnOf(cell.x, columns, layout.bodySize)]!.push(cell.text);
    for (const line of baseline.lines) row.fonts.add(line.font);
  }
  const [first, ...rest] = rows;
  const bodyFonts = new Set(rest.flatMap((row) => [...row.fonts]));
  const hasHeader =
    first !== undefined && rest.length > 0 && ![...first.fonts].some((font) => bodyFonts.has(font));
  return {
    rows: rows.map((row) => row.cells.map((parts) => parts.join(" "))),
    hasHeader,
    lines: new Set(run.flatMap((baseline) => baseline.lines)),
    page: run[0]!.lines[0]!.page,
  };
}
