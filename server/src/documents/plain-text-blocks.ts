import type { Block } from "./extracted";

const LIST_MARKER = /^(?:[-*•+]|\d{1,3}[.)]|[a-z][.)])\s+/;
const UNDERLINE = /^\s*([=\-~])\1{2,}\s*$/;
const SEPARATOR = /^\s*([-=*_#~])\1{2,}\s*$/;
const NUMBERED_HEADING = /^(\d+(?:\.\d+)+)\.?\s+\S/;
const SINGLE_NUMBER_HEADING = /^\d{1,2}\.?\s+\p{Lu}/u;
const CHAPTER_HEADING = /^(chapter|part|appendix)\s+[\dIVXLC]+\b/i;

/**
 * Plain text as paragraphs (split at blank lines, wrapped lines joined), lists, and headings where the
 * layout leaves no doubt: an underlined line, a numbered section line ("2.1 Returns"), or a short line
 * standing alone above a longer paragraph. Everything else stays a paragraph: a wrong heading costs more
 * than a missed one.
 */
export function plainTextToBlocks(text: string): Block[] {
  const paragraphs = text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/\f/g, "").trimEnd())
    .join("\n")
    .split(/\n\s*\n/)
    .map((chunk) => chunk.split("\n").filter((line) => line.trim()))
    .filter((lines) => lines.length > 0);
  const blocks: Block[] = [];
  for (const [index, lines] of paragraphs.entries()) {
    const block = toBlock(lines, paragraphs[index + 1]);
    if (!block) continue;
    const previous = blocks.at(-1);
    if (block.kind === "list" && previous?.kind === "list") previous.text += `\n${block.text}`;
    else blocks.push(block);
  }
  return blocks;
}

function toBlock(lines: string[], next: string[] | undefined): Block | undefined {
  const trimmed = lines.map((line) => line.trim());
  if (trimmed.length === 2 && UNDERLINE.test(trimmed[1]!)) {
    return { kind: "heading", text: trimmed[0]!, level: trimmed[1]!.startsWith("=") ? 1 : 2 };
  }
  const content = trimmed.filter((line) => !SEPARATOR.test(line));
  if (content.length === 0) return undefined;
  if (isTableOfContents(content)) return undefined;
  const joined = content.join(" ");
  if (LIST_MARKER.test(content[0]!)) return { kind: "list", text: listLines(content).join("\n") };
  const numbered = NUMBERED_HEADING.exec(joined);
  if (
    numbered &&
    joined.length <= 200 &&
    content.length <= 3 &&
    !/[.:;,]$/.test(joined.replace(/\.\.\.$/, ""))
  ) {
    return { kind: "heading", text: joined, level: Math.min(6, numbered[1]!.split(".").length) };
  }
  if (content.length === 1 && joined.length <= 80 && CHAPTER_HEADING.test(joined)) {
    return { kind: "heading", text: joined, level: 1 };
  }
  if (content.length === 1 && isStandaloneTitle(joined, next)) {
    return { kind: "heading", text: joined, level: SINGLE_NUMBER_HEADING.test(joined) ? 1 : 2 };
  }
  return { kind: "paragraph", text: joined };
}

/** Lines each starting a list item, with wrapped continuation lines folded into their item. */
function listLines(lines: string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_MARKER.test(line) || items.length === 0) items.push(line.replace(/^[*•+]\s+/, "- "));
    else items[items.length - 1] += ` ${line}`;
  }
  return items;
}

function isStandaloneTitle(text: string, next: string[] | undefined): boolean {
  if (!next || text.length > 60 || /[.,;:!]$/.test(text) || !/^[\p{Lu}\p{N}]/u.test(text)) return false;
  if (text.split(/\s+/).length > 10 || LIST_MARKER.test(text)) return false;
  const following = next.map((line) => line.trim()).join(" ");
  // A title introduces something longer than itself that is not another title.
  return following.length > text.length * 2 && (next.length > 1 || /[.!?:]$/.test(following));
}

/** A run of lines that are mostly numbered section titles ("1.2. What is ...") is a table of contents. */
function isTableOfContents(lines: string[]): boolean {
  if (lines.length < 5) return false;
  const numbered = lines.filter((line) => /^\d+(\.\d+)*\.?\s+\S/.test(line)).length;
  // Sub-section numbers tell a contents list from a numbered list of steps.
  const nested = lines.filter((line) => /^\d+\.\d+/.test(line)).length;
  return nested >= 2 && numbered >= lines.length * 0.5 && lines.every((line) => line.length <= 90);
}
