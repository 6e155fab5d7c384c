import type { Block } from "./extracted";
import { decodeEntities } from "./html-tree";
import { stripMarkdownInline } from "./markdown-inline";
import { tableBlock } from "./table-rows";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?/;
const HTML_PRE = /^ {0,3}<pre[\s>]/i;
// "[docs]: https://example.com/docs" defines a link target; it is not text.
const LINK_DEFINITION = /^ {0,3}\[[^\]]{1,300}\]:\s*\S+/;

/** Markdown source as headings, paragraphs, lists, tables and code. */
export function markdownToBlocks(source: string): Block[] {
  const lines = skipFrontMatter(source.split(/\r\n?|\n/));
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = stripMarkdownInline(paragraph.join(" "));
    if (text) blocks.push({ kind: "paragraph", text });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = FENCE.exec(line)?.[1];
    const heading = ATX_HEADING.exec(line);
    if (fence) {
      flush();
      const end = lines.findIndex((candidate, at) => at > index && candidate.trim().startsWith(fence));
      const stop = end === -1 ? lines.length : end;
      const code = lines
        .slice(index + 1, stop)
        .join("\n")
        .trimEnd();
      if (code.trim()) blocks.push({ kind: "code", text: code });
      index = stop;
    } else if (HTML_PRE.test(line)) {
      flush();
      index = readHtmlCode(lines, index, blocks) - 1;
    } else if (paragraph.length === 0 && LINK_DEFINITION.test(line)) {
      // skipped
    } else if (heading) {
      flush();
      const text = stripMarkdownInline(heading[2] ?? "");
      if (text) blocks.push({ kind: "heading", text, level: heading[1]!.length });
    } else if (paragraph.length > 0 && SETEXT_UNDERLINE.test(line)) {
      const text = stripMarkdownInline(paragraph.join(" "));
      paragraph = [];
      if (text) blocks.push({ kind: "heading", text, level: line.trim().startsWith("=") ? 1 : 2 });
    } else if (!line.trim() || THEMATIC_BREAK.test(line)) {
      flush();
    } else if (LIST_ITEM.test(line)) {
      flush();
      index = readList(lines, index, blocks) - 1;
    } else if (paragraph.length === 0 && line.includes("|") && TABLE_SEPARATOR.test(lines[index + 1] ?? "")) {
      index = readTable(lines, index, blocks) - 1;
    } else {
      paragraph.push(line.replace(BLOCKQUOTE, "").trim());
    }
  }
  flush();
  return blocks;
}

function skipFrontMatter(lines: string[]): string[] {
  if (lines[0]?.trim() !== "---") return lines;
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  return end > 0 && end < 60 ? lines.slice(end + 1) : lines;
}

/** A `<pre>` HTML block (often `<pre><code style=...>`) as code: its text, tags gone, entities decoded. */
function readHtmlCode(lines: string[], start: number, blocks: Block[]): number {
  const close = lines.findIndex((line, at) => at >= start && /<\/pre>/i.test(line));
  const end = close === -1 ? lines.length : close + 1;
  const code = decodeEntities(
    lines
      .slice(start, end)
      .join("\n")
      .replace(/<\/?[a-z][^<>]{0,300}>/gi, ""),
  )
    .replace(/^\n+|\s+$/g, "")
    .split("\n")
    .map((codeLine) => codeLine.trimEnd())
    .join("\n");
  if (code.trim()) blocks.push({ kind: "code", text: code });
  return end;
}

/** Reads list items and their continuation lines; returns the index after the list. */
function readList(lines: string[], start: number, blocks: Block[]): number {
  const items: { prefix: string; source: string }[] = [];
  // Item numbers per depth: Markdown numbers a list from its first item ("1." on every line is common).
  const numbers: number[] = [];
  let index = start;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const item = LIST_ITEM.exec(line);
    const last = items.at(-1);
    if (item) {
      const depth = Math.floor(item[1]!.replace(/\t/g, "  ").length / 2);
      numbers.length = Math.min(numbers.length, depth + 1);
      let marker = "-";
      if (/\d/.test(item[2]!)) {
        const number = numbers[depth] === undefined ? Number.parseInt(item[2]!, 10) : numbers[depth]! + 1;
        numbers[depth] = number;
        marker = `${number}.`;
      } else {
        numbers.length = depth;
      }
      items.push({ prefix: `${"  ".repeat(depth)}${marker} `, source: item[3]!.trim() });
    } else if (last && line.trim() && /^\s/.test(line)) {
      last.source += ` ${line.trim()}`;
    } else if (line.trim() || !LIST_ITEM.test(lines[index + 1] ?? "")) {
      break; // a blank line inside a list only when another item follows it
    }
  }
  // A list of in-page anchors is a table of contents: it names every topic and answers none.
  const isToc = items.every((item) => /^\[[^\]]+\]\(#[^)]*\)$/.test(item.source));
  if (!isToc) {
    blocks.push({
      kind: "list",
      text: items.map((item) => item.prefix + stripMarkdownInline(item.source)).join("\n"),
    });
  }
  return index;
}

function readTable(lines: string[], start: number, blocks: Block[]): number {
  const rows: string[][] = [];
  let index = start;
  for (; index < lines.length && lines[index]!.includes("|"); index++) {
    if (index === start + 1) continue; // the |---|---| separator
    const cells = lines[index]!.trim()
      .replace(/^\||\|$/g, "")
      .split("|");
    rows.push(cells.map((cell) => stripMarkdownInline(cell)));
  }
  // A Markdown table always has a header row: the line above its |---| separator.
  const block = tableBlock(rows, true);
  if (block) blocks.push(block);
  return index;
}
