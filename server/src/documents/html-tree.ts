export interface HtmlElement {
  tag: string;
  /** Kept for links only: the one attribute whose value readers need. */
  href?: string;
  children: HtmlNode[];
}

/** A node of the small HTML tree mammoth writes: no comments, no scripts, balanced tags. */
export type HtmlNode = HtmlElement | { text: string };

const VOID_TAGS = new Set(["br", "hr", "img"]);
const BLOCK_TAGS = new Set([
  "p",
  "li",
  "td",
  "th",
  "tr",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "pre",
]);
// The named entities help articles use; any character can also be written as a numeric one.
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  euro: "€",
  times: "×",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  harr: "↔",
  crarr: "↵",
};

/**
 * Parses mammoth's output. Not a general HTML parser: mammoth escapes text and always closes what it opens,
 * which is all this relies on; a stray close tag is ignored rather than trusted.
 */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { tag: "root", children: [] };
  const stack = [root];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, closing, name, attributes, selfClosing, text] = match;
    const parent = stack.at(-1)!;
    if (text !== undefined) {
      parent.children.push({ text: decodeEntities(text) });
    } else if (closing) {
      const at = stack.findLastIndex((node) => node.tag === name!.toLowerCase());
      if (at > 0) stack.length = at;
    } else {
      const node: HtmlElement = { tag: name!.toLowerCase(), children: [] };
      const href = /\bhref="([^"]*)"/.exec(attributes ?? "")?.[1];
      if (href !== undefined) node.href = decodeEntities(href);
      parent.children.push(node);
      if (!selfClosing && !VOID_TAGS.has(node.tag)) stack.push(node);
    }
  }
  return root.children;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * The text a reader sees in a node, whitespace collapsed. A link is its words: a long address in the
 * middle of a sentence would be quoted to customers and match every question about the web site.
 */
export function textContent(node: HtmlNode): string {
  return rawText(node, " ").replace(/\s+/g, " ").trim();
}

/** The text of preformatted content (code), its line breaks and indentation kept. */
export function preformattedText(node: HtmlNode): string {
  return rawText(node, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

function rawText(node: HtmlNode, lineBreak: string): string {
  if ("text" in node) return node.text;
  if (node.tag === "br") return lineBreak;
  const inner = node.children.map((child) => rawText(child, lineBreak)).join("");
  return BLOCK_TAGS.has(node.tag) && lineBreak === " " ? ` ${inner} ` : inner;
}
