import { csvCell } from "../chat/transcript-export";
import type { CuratedRow } from "./curated-repo";

/** Columns of the export; an import needs `question` and `answer`, the others are optional. */
export const CURATED_CSV_COLUMNS = ["id", "question", "variants", "answer", "document_id"] as const;

/** RFC 4180, one curated answer a row, its variants one a line inside their cell. */
export function curatedCsv(rows: CuratedRow[]): string {
  const lines = rows.map((row) =>
    [
      String(row.id),
      row.question,
      row.variants.join("\n"),
      row.answer,
      row.documentId ? String(row.documentId) : "",
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[CURATED_CSV_COLUMNS.join(","), ...lines].join("\r\n")}\r\n`;
}

/**
 * Parses RFC 4180 CSV (quoted cells with doubled quotes and line breaks; CRLF or LF rows). Returns
 * null when a quote is never closed. The apostrophe the export puts before a formula-like cell is taken off.
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endCell = () => {
    row.push(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    cell = "";
  };
  for (; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === ",") endCell();
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += char;
  }
  if (quoted) return null;
  if (cell !== "" || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows.filter((r) => r.some((value) => value.trim() !== ""));
}
