import type { Block } from "./extracted";
import type { Hyphenation } from "./hyphenation";
import { joinWrappedLines } from "./join-wrapped-lines";
import { BULLET, type RawBlock } from "./pdf-blocks";
import type { PdfLayout } from "./pdf-layout";
import type { PdfLine } from "./pdf-lines";
import { tableBlock } from "./table-rows";

const NUMBERED_HEADING = /^(\d+(?:\.\d+)+)\.?\s+[\p{Lu}\p{N}"“‘(]/u;
const SECTION_NUMBER = /^(\d+(?:\.\d+)*)\.?\s/;
const CHAPTER_LABEL = /^(chapter|part|appendix|section)\s+[\dIVXLC]+[.:]?$/i;
const MAX_HEADING_CHARS = 300;
const SMALL_WORDS = new Set("a an and as at by for in of on or the to with".split(" "));

/** Tells headings, list items and paragraphs apart and gives headings a level. */
export function classifyBlocks(raw: RawBlock[], layout: PdfLayout, hyphenation?: Hyphenation): Block[] {
  const isBig = (block: RawBlock) => block.lines[0]!.size >= layout.bodySize * 1.15;
  const headingSizes = [...new Set(raw.filter(isBig).map((block) => roundSize(block.lines[0]!.size)))].sort(
    (a, b) => b - a,
  );
  const levelOf = (text: string, size?: number) => {
    const numbered = SECTION_NUMBER.exec(text)?.[1];
    if (numbered) return Math.min(6, numbered.split(".").length);
    const rank = size === undefined ? -1 : headingSizes.indexOf(roundSize(size));
    return Math.min(6, rank >= 0 ? rank + 1 : headingSizes.length + 1);
  };
  const blocks: Block[] = [];
  for (const block of raw) {
    if (block.table) {
      const table = tableBlock(block.table.rows, block.table.hasHeader);
      if (table) blocks.push({ ...table, page: block.page });
      continue;
    }
    if (block.code) {
      blocks.push({ kind: "code", text: codeText(block.lines), page: block.page });
      continue;
    }
    const lines = block.lines.map((line) => line.text);
    const text = joinWrappedLines(lines, hyphenation);
    if (isBig(block) && text.length <= MAX_HEADING_CHARS && lines.length <= 4 && /\p{L}/u.test(text)) {
      blocks.push({ kind: "heading", text, level: levelOf(text, block.lines[0]!.size), page: block.page });
    } else if (!block.bullet && isInlineHeading(lines)) {
      blocks.push({ kind: "heading", text: lines[0]!, level: levelOf(lines[0]!), page: block.page });
      if (lines.length > 1) {
        blocks.push({
          kind: "paragraph",
          text: joinWrappedLines(lines.slice(1), hyphenation),
          page: block.lines[1]!.page,
        });
      }
    } else if (block.bullet) {
      const item = text.replace(/^[•●▪◦‣∙·*–-]\s+/, "- ");
      const previous = blocks.at(-1);
      if (previous?.kind === "list") previous.text += `\n${item}`;
      else blocks.push({ kind: "list", text: item, page: block.page });
    } else {
      blocks.push({ kind: "paragraph", text, page: block.page });
    }
  }
  return mergeChapterLabels(blocks);
}

/** Code lines as set, with their indentation read back from how far right each one starts. */
function codeText(lines: PdfLine[]): string {
  const left = lines.reduce((least, line) => Math.min(least, line.x), Number.POSITIVE_INFINITY);
  return lines
    .map((line) => {
      // A monospaced glyph is about 0.6 of the font size wide.
      const indent = Math.max(0, Math.round((line.x - left) / (line.size * 0.6)));
      return " ".repeat(Math.min(indent, 40)) + line.text;
    })
    .join("\n");
}

function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

/** A heading set in body type: "2.1 What is ...", or a short Title-Case line that starts a block. */
function isInlineHeading(lines: string[]): boolean {
  const [first, second] = lines;
  if (!first || first.length > 120 || /[,;]$/.test(first)) return false;
  if (NUMBERED_HEADING.test(first)) return true;
  return isTitleLike(first) && (second === undefined || /^[\p{Lu}\p{N}]/u.test(second));
}

function isTitleLike(text: string): boolean {
  if (text.length > 60 || /[.,;:!]$/.test(text) || BULLET.test(text) || !/^[\p{Lu}\p{N}]/u.test(text))
    return false;
  const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0 || words.length > 8) return false;
  const lowercase = words.filter(
    (word) => !SMALL_WORDS.has(word.toLowerCase()) && !/^[\p{Lu}\p{N}"“‘(]/u.test(word),
  );
  // "Returns and Refunds" is a title; "Rather, do" is the start of a sentence.
  return lowercase.length === 0 || (words.length >= 4 && lowercase.length === 1);
}

/** "Chapter 1" set above "Definitions and overview" is one heading, not two. */
function mergeChapterLabels(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged.at(-1);
    if (previous?.kind === "heading" && block.kind === "heading" && CHAPTER_LABEL.test(previous.text)) {
      previous.text = `${previous.text.replace(/[.:]$/, "")}: ${block.text}`;
      previous.level = Math.min(previous.level ?? 1, block.level ?? 1);
    } else {
      merged.push(block);
    }
  }
  return merged;
}
