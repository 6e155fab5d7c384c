import type { Block } from "./extracted";
import { type HtmlElement, type HtmlNode, parseHtml, preformattedText, textContent } from "./html-tree";
import { tableBlock } from "./table-rows";

/** mammoth's HTML as blocks: headings with levels, paragraphs, lists as "- item" lines, tables as rows, code. */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  collect(parseHtml(html), blocks);
  return blocks;
}

function collect(nodes: HtmlNode[], blocks: Block[]): void {
  for (const node of nodes) {
    if ("text" in node) {
      const text = textContent(node);
      if (text) blocks.push({ kind: "paragraph", text });
      continue;
    }
    const heading = /^h([1-6])$/.exec(node.tag)?.[1];
    if (heading) pushText(blocks, { kind: "heading", text: textContent(node), level: Number(heading) });
    else if (node.tag === "p") pushText(blocks, { kind: "paragraph", text: textContent(node) });
    else if (node.tag === "ul" || node.tag === "ol")
      pushText(blocks, { kind: "list", text: listLines(node, 0).join("\n") });
    else if (node.tag === "table") pushTable(blocks, node);
    else if (node.tag === "pre") pushCode(blocks, preformattedText(node));
    else collect(node.children, blocks);
  }
}

function pushText(blocks: Block[], block: Block): void {
  // Footnote back-links are an arrow that means nothing in a snippet.
  const text = block.text.replace(/\s*↑$/gm, "");
  if (text.trim()) blocks.push({ ...block, text });
}

/** Consecutive code paragraphs (one `pre` each in mammoth's output) are one block of code. */
function pushCode(blocks: Block[], text: string): void {
  if (!text.trim()) return;
  const previous = blocks.at(-1);
  if (previous?.kind === "code") previous.text += `\n${text}`;
  else blocks.push({ kind: "code", text });
}

function listLines(list: HtmlElement, depth: number): string[] {
  const lines: string[] = [];
  let number = 0;
  for (const item of elements(list.children, "li")) {
    number += 1;
    const nested = elements(item.children, "ul", "ol");
    const own = textContent({
      tag: "span",
      children: item.children.filter((child) => !nested.includes(child as HtmlElement)),
    });
    const marker = list.tag === "ol" ? `${number}.` : "-";
    if (own) lines.push(`${"  ".repeat(depth)}${marker} ${own}`);
    for (const sublist of nested) lines.push(...listLines(sublist, depth + 1));
  }
  return lines;
}

/** A first row of header cells (Word's "Repeat as header row") is the table's header. */
function pushTable(blocks: Block[], table: HtmlElement): void {
  const rows = tableRows(table);
  const block = tableBlock(
    rows.map((row) => row.cells),
    rows[0]?.header === true,
  );
  if (block) pushText(blocks, block);
}

function tableRows(table: HtmlElement): { cells: string[]; header: boolean }[] {
  const rows: { cells: string[]; header: boolean }[] = [];
  for (const child of table.children) {
    if ("text" in child) continue;
    if (child.tag === "tr") {
      const cells = elements(child.children, "td", "th");
      const texts = cells.map(textContent);
      if (texts.some(Boolean)) rows.push({ cells: texts, header: cells.every((cell) => cell.tag === "th") });
    } else {
      rows.push(...tableRows(child)); // thead, tbody
    }
  }
  return rows;
}

function elements(nodes: HtmlNode[], ...tags: string[]): HtmlElement[] {
  return nodes.filter((node): node is HtmlElement => "tag" in node && tags.includes(node.tag));
}
