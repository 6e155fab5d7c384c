import type { Block } from "./extracted";

/**
 * A table as a block: one line per row, cells separated by " | ", the header row (when the source marks
 * one) first and flagged, so that the chunker can repeat it above the rows of every chunk the table spans.
 */
export function tableBlock(rows: readonly (readonly string[])[], hasHeader: boolean): Block | undefined {
  const lines = rows
    .map((cells) => cells.join(" | ").replace(/ {2,}/g, " ").trim())
    .filter((line) => line.replace(/\|/g, "").trim());
  if (lines.length === 0) return undefined;
  const block: Block = { kind: "table", text: lines.join("\n") };
  if (hasHeader && lines.length > 1 && rows[0]!.some((cell) => cell.trim())) block.header = true;
  return block;
}
