import type { Block } from "./extracted";
import { type HtmlElement, type HtmlNode, parseHtml, textContent } from "./html-tree";

/** mammoth's HTML as blocks: headings with levels, paragraphs, lists as "- item" lines, tables as rows. */
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
    else if (node.tag === "table") pushText(blocks, { kind: "table", text: tableRows(node).join("\n") });
    else collect(node.children, blocks);
  }
}

function pushText(blocks: Block[], block: Block): void {
  // Footnote back-links are an arrow that means nothing in a snippet.
  const text = block.text.replace(/\s*↑$/gm, "");
  if (text.trim()) blocks.push({ ...block, text });
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

function tableRows(table: HtmlElement): string[] {
  const rows: string[] = [];
  for (const child of table.children) {
    if ("text" in child) continue;
    if (child.tag === "tr") {
      const cells = elements(child.children, "td", "th").map(textContent);
      if (cells.some(Boolean)) rows.push(cells.join(" | "));
    } else {
      rows.push(...tableRows(child)); // thead, tbody
    }
  }
  return rows;
}

function elements(nodes: HtmlNode[], ...tags: string[]): HtmlElement[] {
  return nodes.filter((node): node is HtmlElement => "tag" in node && tags.includes(node.tag));
}
