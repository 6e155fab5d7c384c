import { describe, expect, test } from "bun:test";
import type { ComponentChildren, VNode } from "preact";
import { inline, renderMarkdown, safeUrl } from "./markdown";

// The renderer is a pure function to Preact vnodes, so the tests read the tree directly: no DOM,
// no globals. `html` prints it the way the DOM would hold it, with text escaped as text nodes are.
const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function html(node: ComponentChildren): string {
  if (node == null || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return escapeText(String(node));
  if (Array.isArray(node)) return node.map(html).join("");
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type !== "string") throw new Error("components are not expected in Markdown output");
  const attributes = Object.entries(vnode.props)
    .filter(([key]) => key !== "children")
    .map(([key, value]) => ` ${key}="${escapeText(String(value))}"`)
    .join("");
  return `<${vnode.type}${attributes}>${html(vnode.props.children as ComponentChildren)}</${vnode.type}>`;
}

const md = (source: string) => html(renderMarkdown(source));

function elements(node: ComponentChildren): VNode<Record<string, unknown>>[] {
  if (node == null || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap(elements);
  const vnode = node as VNode<Record<string, unknown>>;
  return [vnode, ...elements(vnode.props.children as ComponentChildren)];
}

describe("blocks", () => {
  test("paragraphs split on blank lines; single newlines become line breaks", () => {
    expect(md("one\ntwo\n\nthree")).toBe("<p>one<br></br>two</p><p>three</p>");
  });

  test("bullet and numbered lists, with continuation lines", () => {
    expect(md("- a\n* b\n  more\n\n1. x\n2) y")).toBe(
      '<ul><li>a</li><li>b more</li></ul><ol start="1"><li>x</li><li>y</li></ol>',
    );
  });

  test("a numbered list keeps its first number", () => {
    expect(md("3. c\n4. d")).toBe('<ol start="3"><li>c</li><li>d</li></ol>');
  });

  test("fenced code keeps its text verbatim, Markdown and HTML included", () => {
    expect(md("```js\nconst a = '<b>**x**</b>';\n\n  indented\n```\nafter")).toBe(
      "<pre><code>const a = '&lt;b&gt;**x**&lt;/b&gt;';\n\n  indented</code></pre><p>after</p>",
    );
  });

  test("an unclosed fence (still streaming) runs to the end", () => {
    expect(md("```\npartial")).toBe("<pre><code>partial</code></pre>");
  });

  test("headings become bold paragraphs", () => {
    expect(md("## Returns\ntext")).toBe("<p><strong>Returns</strong></p><p>text</p>");
  });

  test("empty input renders nothing", () => {
    expect(renderMarkdown("")).toEqual([]);
    expect(renderMarkdown("\n\n")).toEqual([]);
  });

  test("Windows line endings", () => {
    expect(md("a\r\n\r\nb")).toBe("<p>a</p><p>b</p>");
  });
});

describe("inline", () => {
  test("bold, italic and code", () => {
    expect(html(inline("**b** __b__ *i* _i_ `c`"))).toBe(
      "<strong>b</strong> <strong>b</strong> <em>i</em> <em>i</em> <code>c</code>",
    );
  });

  test("nesting inside bold, but not inside code", () => {
    expect(html(inline("**bold _and italic_ [link](https://a.example)**"))).toBe(
      '<strong>bold <em>and italic</em> <a href="https://a.example/" target="_blank" rel="noopener noreferrer">link</a></strong>',
    );
    expect(html(inline("`**not bold**`"))).toBe("<code>**not bold**</code>");
  });

  test("snake_case and lone asterisks stay text", () => {
    expect(html(inline("use snake_case_names and 2 * 3 * 4"))).toBe("use snake_case_names and 2 * 3 * 4");
  });

  test("links open in a new tab without an opener", () => {
    expect(html(inline("see [the FAQ](https://example.com/faq?a=1&b=2)"))).toBe(
      'see <a href="https://example.com/faq?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the FAQ</a>',
    );
  });

  test("mailto links and bare URLs", () => {
    expect(html(inline("[mail us](mailto:help@example.com) or https://example.com/x."))).toBe(
      '<a href="mailto:help@example.com" target="_blank" rel="noopener noreferrer">mail us</a> or ' +
        '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">https://example.com/x</a>.',
    );
  });

  test("link text is never parsed into a second link", () => {
    const out = elements(inline("[https://a.example](https://b.example)"));
    expect(out.filter((node) => node.type === "a")).toHaveLength(1);
  });
});

describe("XSS attempts stay text", () => {
  const attacks = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=javascript:alert(1)>x</a>",
    '<svg onload="alert(1)"></svg>',
    "<iframe src=//evil.example></iframe>",
  ];

  for (const attack of attacks) {
    test(`raw HTML: ${attack}`, () => {
      const nodes = renderMarkdown(attack);
      // One paragraph holding one text node equal to the input: no element was created from it.
      expect(elements(nodes).map((node) => node.type)).toEqual(["p"]);
      expect(nodes[0]!.props.children).toEqual([attack]);
    });
  }

  test("entities are not decoded: &lt;script&gt; stays those characters", () => {
    const nodes = renderMarkdown("&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;");
    expect(nodes[0]!.props.children).toEqual(["&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;"]);
  });

  const badLinks = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "blob:https://example.com/uuid",
  ];

  for (const href of badLinks) {
    test(`link to ${JSON.stringify(href)} renders its text only`, () => {
      const nodes = inline(`[click me](${href})`);
      expect(elements(nodes).filter((node) => node.type === "a")).toEqual([]);
      expect(html(nodes)).toContain("click me");
    });
  }

  test("a javascript: autolink is not a link", () => {
    expect(elements(inline("javascript:alert(1) and JAVASCRIPT://x")).some((n) => n.type === "a")).toBe(
      false,
    );
  });

  test("attributes never come from the text", () => {
    const links = elements(
      renderMarkdown('[x](https://ok.example/" onmouseover="alert(1)) and [y](https://ok.example "t")'),
    );
    for (const link of links.filter((node) => node.type === "a")) {
      expect(Object.keys(link.props).sort()).toEqual(["children", "href", "rel", "target"]);
      expect(String(link.props.href)).not.toContain('"');
    }
  });

  test("no node carries dangerouslySetInnerHTML", () => {
    const source = `${attacks.join("\n")}\n\n- **x** [a](https://a.example)\n\n\`\`\`\n<b>\n\`\`\``;
    for (const node of elements(renderMarkdown(source))) {
      expect(node.props).not.toHaveProperty("dangerouslySetInnerHTML");
    }
  });
});

describe("safeUrl", () => {
  test("keeps http, https and mailto, normalized", () => {
    expect(safeUrl("HTTPS://Example.com/a b")).toBe("https://example.com/a%20b");
    expect(safeUrl("http://example.com")).toBe("http://example.com/");
    expect(safeUrl("mailto:a@example.com")).toBe("mailto:a@example.com");
  });

  test("refuses everything else", () => {
    expect(safeUrl(" javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("\u0000javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("ftp://example.com")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
  });
});
