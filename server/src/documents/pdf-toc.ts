import type { PdfLine } from "./pdf-lines";

const DOT_LEADER = /(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})$|(?:…\s?){2,}\s*\d{1,4}$|_{4,}\s*\d{1,4}$/i;
const ENDS_WITH_PAGE = /\S\s+\d{1,4}$/;
const INDEX_ENTRY = /^\D[^,]{0,80},\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*$/;
const CONTENTS_TITLE = /^(table of )?contents$/i;

/** A table-of-contents entry: text, dot leaders, page number. */
export function isTocLine(text: string): boolean {
  return DOT_LEADER.test(text);
}

/**
 * Drops tables of contents and back-of-book indexes. Their lines name every topic of the document, so they
 * match every question, and they answer none. Whole pages go when most of their lines are entries (wrapped
 * entries have no leader of their own); elsewhere only the entry lines go.
 */
export function removeTableOfContents(pages: PdfLine[][]): PdfLine[][] {
  return pages.map((lines) => (isTocPage(lines) ? [] : lines.filter((line) => !isTocLine(line.text))));
}

function isTocPage(lines: PdfLine[]): boolean {
  if (lines.length < 4) return false;
  const share = (test: (text: string) => boolean) =>
    lines.filter((line) => test(line.text)).length / lines.length;
  const leaders = lines.filter((line) => isTocLine(line.text)).length;
  const pageReferences = share((text) => isTocLine(text) || ENDS_WITH_PAGE.test(text));
  const titled = lines.slice(0, 2).some((line) => CONTENTS_TITLE.test(line.text));
  if (leaders >= 3 && pageReferences >= 0.4) return true;
  if (titled && pageReferences >= 0.4) return true;
  return lines.length >= 8 && share((text) => INDEX_ENTRY.test(text)) >= 0.5;
}
