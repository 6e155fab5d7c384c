import { describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import { extractText } from "./extract-text";

const encode = (text: string) => new TextEncoder().encode(text);

describe("extractText for Markdown", () => {
  test("headings, paragraphs, lists, tables and code fences", () => {
    const source = [
      "---",
      "title: ignored front matter",
      "---",
      "# Opening hours",
      "",
      "Our shop opens at **nine** o'clock",
      "on weekdays. See [the map](https://example.com/map).",
      "",
      "## Weekend",
      "",
      "- Saturday: ten to four",
      "- Sunday: *closed*",
      "  - except in December",
      "",
      "| Day | Hours |",
      "| --- | ----- |",
      "| Mon | 9-6 |",
      "",
      "```sh",
      "  curl https://example.com/hours",
      "```",
      "",
      "Setext title",
      "============",
      "Last words.",
    ].join("\n");
    expect(extractText(encode(source), "markdown").blocks).toEqual([
      { kind: "heading", text: "Opening hours", level: 1 },
      {
        kind: "paragraph",
        text: "Our shop opens at nine o'clock on weekdays. See the map.",
      },
      { kind: "heading", text: "Weekend", level: 2 },
      { kind: "list", text: "- Saturday: ten to four\n- Sunday: closed\n  - except in December" },
      { kind: "table", text: "Day | Hours\nMon | 9-6", header: true },
      { kind: "code", text: "  curl https://example.com/hours" },
      { kind: "heading", text: "Setext title", level: 1 },
      { kind: "paragraph", text: "Last words." },
    ]);
  });

  test("snake_case and arithmetic survive emphasis stripping; ordered lists keep numbers", () => {
    const source = "Set max_retry_count to 2*3*4.\n\n1. Open settings\n2) Save\n";
    expect(extractText(encode(source), "markdown").blocks).toEqual([
      { kind: "paragraph", text: "Set max_retry_count to 2*3*4." },
      { kind: "list", text: "1. Open settings\n2. Save" },
    ]);
  });

  test("inline HTML keeps its text, entities are decoded, links lose their address", () => {
    const source = [
      'Press <kbd>Ctrl</kbd> + <kbd>K</kbd> to search &mdash; or <b>click</b> the <i class="fa fa-search"></i> icon.',
      "Use `<subdomain>.example.com` or https://<subdomain>.example.com &gt; Settings.",
      "Read the [install guide](https://docs.example.com/very/long/path/to/the/install/guide.html#step-1)",
      "or [our FAQ][faq]; write to <help@example.com>.",
      "",
      "[faq]: https://example.com/faq",
      "",
      '<pre><code style="white-space: pre">curl -fL https://example.com/install &gt; install.sh',
      "sh install.sh &amp;&amp; rm install.sh</code></pre>",
      "",
      "1. Open Settings.",
      "1. Click <strong>Save</strong>.",
      "   1. Wait for the check mark.",
      "   1. Reload.",
      "1. Done.",
    ].join("\n");
    expect(extractText(encode(source), "markdown").blocks).toEqual([
      {
        kind: "paragraph",
        text:
          "Press Ctrl + K to search — or click the icon. Use <subdomain>.example.com or " +
          "https://<subdomain>.example.com > Settings. Read the install guide or our FAQ; write to help@example.com.",
      },
      {
        kind: "code",
        text: "curl -fL https://example.com/install > install.sh\nsh install.sh && rm install.sh",
      },
      {
        kind: "list",
        text: "1. Open Settings.\n2. Click Save.\n  1. Wait for the check mark.\n  2. Reload.\n3. Done.",
      },
    ]);
  });

  test("a list of in-page anchors is a table of contents and goes", () => {
    const source =
      "# Help\n\n- [Shipping](#shipping)\n- [Returns](#returns)\n\n## Shipping\n\nWe ship daily.\n";
    expect(extractText(encode(source), "markdown").blocks).toEqual([
      { kind: "heading", text: "Help", level: 1 },
      { kind: "heading", text: "Shipping", level: 2 },
      { kind: "paragraph", text: "We ship daily." },
    ]);
  });
});

describe("extractText for plain text", () => {
  test("paragraphs split at blank lines, wrapped lines joined, BOM stripped", () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encode("Gift cards never\nexpire.\n\r\n\tThey work online\r\nand in store.\n"),
    ]);
    expect(extractText(bytes, "txt").blocks).toEqual([
      { kind: "paragraph", text: "Gift cards never expire." },
      { kind: "paragraph", text: "They work online and in store." },
    ]);
  });

  test("numbered, underlined and standalone short lines are headings; lists are lists", () => {
    const source = [
      "Store Guide",
      "===========",
      "",
      "2.1. How do I return an item?",
      "",
      "    Bring it back within thirty days with the receipt and we refund",
      "    the full price to the card you paid with.",
      "",
      "Opening Hours",
      "",
      "Monday to Friday we open at nine. On Saturday we open at ten.",
      "",
      "  * Bring the receipt",
      "  * Bring the box, which keeps",
      "    the item safe",
      "",
      "  * Bring your card",
    ].join("\n");
    expect(extractText(encode(source), "txt").blocks).toEqual([
      { kind: "heading", text: "Store Guide", level: 1 },
      { kind: "heading", text: "2.1. How do I return an item?", level: 2 },
      {
        kind: "paragraph",
        text: "Bring it back within thirty days with the receipt and we refund the full price to the card you paid with.",
      },
      { kind: "heading", text: "Opening Hours", level: 2 },
      { kind: "paragraph", text: "Monday to Friday we open at nine. On Saturday we open at ten." },
      {
        kind: "list",
        text: "- Bring the receipt\n- Bring the box, which keeps the item safe\n- Bring your card",
      },
    ]);
  });

  test("short lines inside prose are not taken for headings", () => {
    const source = "Thanks for your order.\n\nBest regards,\nThe Shop\n";
    expect(extractText(encode(source), "txt").blocks.every((block) => block.kind === "paragraph")).toBe(true);
  });

  test("a plain-text table of contents goes", () => {
    const source = [
      "Table of Contents",
      "",
      "1. Ordering",
      "    1.1. How do I pay?",
      "    1.2. Can I cancel?",
      "2. Delivery",
      "    2.1. How long does it take?",
      "",
      "1.1. How do I pay?",
      "",
      "    By card or bank transfer, as you prefer.",
    ].join("\n");
    expect(extractText(encode(source), "txt").blocks.map((block) => block.text)).toEqual([
      "Table of Contents",
      "1.1. How do I pay?",
      "By card or bank transfer, as you prefer.",
    ]);
  });

  test("a file with nothing but blank lines is refused", () => {
    expect(() => extractText(encode("\n \n\t\n"), "txt")).toThrow(AppError);
    expect(() => extractText(encode("# Only a title\n"), "markdown")).toThrow(
      "The file has no text to index.",
    );
  });
});
