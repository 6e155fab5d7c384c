import { isBodySize, type PdfLayout } from "./pdf-layout";
import type { PdfLine } from "./pdf-lines";
import { findTables, type PdfTable } from "./pdf-tables";

/** Lines that belong together on the page: a paragraph, a list item or a heading, not yet told apart. */
export interface RawBlock {
  lines: PdfLine[];
  page: number;
  /** Starts with a bullet or an item number. */
  bullet: boolean;
  /** Every line is set in a monospaced font: code or commands, whose line breaks matter. */
  code: boolean;
  /** The grid the lines were read from, when they are a table. */
  table?: PdfTable;
}

export const BULLET = /^(?:[•●▪◦‣∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+/;
const ENDS_SENTENCE = /[.!?:]["”’)]?$/;
const ENDS_IN_URL = /https?:\/\/\S*$/;

/** Splits each page's lines at font changes, vertical gaps, indents, bullets and short finished lines. */
export function groupLines(pages: PdfLine[][], layout: PdfLayout): RawBlock[] {
  return mergeAcrossPages(
    pages.flatMap((lines) => groupPage(lines, layout)),
    layout,
  );
}

function groupPage(lines: PdfLine[], layout: PdfLayout): RawBlock[] {
  const body = lines.filter((line) => isBodySize(line.size, layout.bodySize));
  const measured = body.length > 0 ? body : lines;
  // reduce, not Math.min(...spread): a hostile page can hold more lines than a call has arguments.
  const margin = measured.reduce((least, line) => Math.min(least, line.x), Number.POSITIVE_INFINITY);
  const right = measured.reduce((most, line) => Math.max(most, line.right), Number.NEGATIVE_INFINITY);
  const tables = findTables(lines, layout);
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  for (const line of lines) {
    const table = tables.find((candidate) => candidate.lines.has(line));
    if (table) {
      // The table stands where its first line is met; its other lines are inside it.
      if (!blocks.some((block) => block.table === table)) {
        blocks.push({ lines: [...table.lines], page: table.page, bullet: false, code: false, table });
      }
      current = undefined;
      continue;
    }
    const previous = current?.lines.at(-1);
    if (current && previous && !breaksBefore(previous, line, current, { layout, margin, right })) {
      current.lines.push(line);
      continue;
    }
    current = { lines: [line], page: line.page, bullet: BULLET.test(line.text), code: line.monospace };
    blocks.push(current);
  }
  return blocks;
}

interface PageFrame {
  layout: PdfLayout;
  margin: number;
  right: number;
}

function breaksBefore(previous: PdfLine, line: PdfLine, block: RawBlock, frame: PageFrame): boolean {
  const { layout, margin, right } = frame;
  if (previous.monospace !== line.monospace) return true;
  if (Math.abs(previous.size - line.size) > Math.max(previous.size, line.size) * 0.12) return true;
  const gap = previous.y - line.y;
  const expected = (layout.lineGap * line.size) / layout.bodySize;
  // Code runs on over blank lines; its lines are never list items or paragraphs of their own.
  if (block.code) return gap < -line.size * 0.5 || gap > expected * 2.5;
  if (gap < -line.size * 0.5 || gap > expected * 1.35) return true;
  if (BULLET.test(line.text)) return true;
  // A list item goes on while its lines hang right of its bullet.
  if (block.bullet) return line.x <= block.lines[0]!.x + 0.5;
  if (!isBodySize(line.size, layout.bodySize)) return false;
  const finished = ENDS_SENTENCE.test(previous.text) && !ENDS_IN_URL.test(previous.text);
  // An indent after a finished sentence starts a paragraph; after an unfinished one it is a hanging indent
  // (definition lists are set that way) and the paragraph goes on.
  const indented = line.x - previous.x > line.size * 0.8 && previous.x - margin < line.size * 0.5;
  const shortLine = previous.right < right - (right - margin) * 0.15;
  return finished && (indented || shortLine);
}

/**
 * A paragraph cut by a page break reads on: unfinished sentence above, lowercase start below. Code and
 * tables cut by a page break read on too; a table's header row repeated atop the next page goes.
 */
function mergeAcrossPages(blocks: RawBlock[], layout: PdfLayout): RawBlock[] {
  const merged: RawBlock[] = [];
  for (const block of blocks) {
    const previous = merged.at(-1);
    const last = previous?.lines.at(-1);
    const first = block.lines[0]!;
    const nextPage = previous !== undefined && block.page === previous.page + 1;
    if (previous?.table && block.table && nextPage && continuesTable(previous.table, block.table)) {
      previous.lines.push(...block.lines);
      appendRows(previous.table, block.table);
      continue;
    }
    if (previous?.code && block.code && nextPage) {
      previous.lines.push(...block.lines);
      continue;
    }
    const continues =
      previous &&
      last &&
      !previous.table &&
      !block.table &&
      !previous.code &&
      first.page === last.page + 1 &&
      isBodySize(last.size, layout.bodySize) &&
      isBodySize(first.size, layout.bodySize) &&
      !block.bullet &&
      (!ENDS_SENTENCE.test(last.text) || ENDS_IN_URL.test(last.text)) &&
      /^[\p{Ll}\d(“"‘]/u.test(first.text);
    if (continues) previous.lines.push(...block.lines);
    else merged.push(block);
  }
  return merged;
}

function continuesTable(above: PdfTable, below: PdfTable): boolean {
  return above.rows[0]?.length === below.rows[0]?.length && (!below.hasHeader || repeatsHeader(above, below));
}

/** The first row again atop the next page: the table's header, repeated by the layout engine. */
function repeatsHeader(above: PdfTable, below: PdfTable): boolean {
  return above.rows[0]!.join("\u0000") === below.rows[0]!.join("\u0000");
}

/**
 * The rows of the table's part on the next page, without its repeated header; a row the page break cut
 * (its first cell empty on the new page) is finished cell by cell, not made a row of its own.
 */
function appendRows(above: PdfTable, below: PdfTable): void {
  const repeated = repeatsHeader(above, below);
  if (repeated) above.hasHeader = true;
  const rows = below.rows.slice(repeated ? 1 : 0);
  const last = above.rows.at(-1);
  const [first] = rows;
  if (last && first && !first[0] && first.some(Boolean) && above.rows.length > 1) {
    rows.shift();
    for (const [column, cell] of first.entries()) {
      if (cell) last[column] = last[column] ? `${last[column]} ${cell}` : cell;
    }
  }
  above.rows.push(...rows);
}
