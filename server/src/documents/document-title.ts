import { MAX_NAME_CHARS } from "@supportal/shared";
import type { ExtractedDocument } from "./extracted";

/** A document's own title: its first heading (a Word title, a PDF's largest line, a Markdown `#`). */
export function firstHeading(doc: ExtractedDocument): string | null {
  const heading = doc.blocks
    .find((block) => block.kind === "heading")
    ?.text.replace(/\s+/g, " ")
    .trim();
  if (!heading) return null;
  return heading.length <= MAX_NAME_CHARS ? heading : `${heading.slice(0, MAX_NAME_CHARS - 1).trimEnd()}…`;
}
