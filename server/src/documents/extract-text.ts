import { AppError } from "../errors";
import type { ExtractedDocument } from "./extracted";
import { markdownToBlocks } from "./markdown-blocks";
import { plainTextToBlocks } from "./plain-text-blocks";

/** Text structure of a UTF-8 plain-text or Markdown file. */
export function extractText(bytes: Uint8Array, type: "txt" | "markdown"): ExtractedDocument {
  // The decoder drops a leading BOM; type detection has already refused invalid UTF-8.
  // No-break spaces are spaces to a reader and to full-text search alike.
  const text = new TextDecoder("utf-8")
    .decode(bytes)
    .replace(/^\uFEFF/, "")
    .replace(/\u00a0/g, " ");
  const blocks = type === "markdown" ? markdownToBlocks(text) : plainTextToBlocks(text);
  if (!blocks.some((block) => block.kind !== "heading")) {
    throw new AppError("invalid_file", "The file has no text to index.");
  }
  return { blocks };
}
