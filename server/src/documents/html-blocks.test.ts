import { describe, expect, test } from "bun:test";
import { htmlToBlocks } from "./html-blocks";

describe("htmlToBlocks", () => {
  test("nested and ordered lists keep their depth and numbers", () => {
    const html = "<ol><li>Open the box<ul><li>Check the cable</li></ul></li><li>Plug it in</li></ol>";
    expect(htmlToBlocks(html)).toEqual([
      { kind: "list", text: "1. Open the box\n  - Check the cable\n2. Plug it in" },
    ]);
  });

  test("links are their words, without the address; entities and line breaks are decoded", () => {
    const html =
      '<p>See <a href="https://shop.example/returns?ref=help&amp;id=42">our returns page</a> &amp; call&nbsp;us<br />today.</p>';
    expect(htmlToBlocks(html)).toEqual([
      { kind: "paragraph", text: "See our returns page & call us today." },
    ]);
  });

  test("preformatted paragraphs are one code block with its lines", () => {
    const html =
      "<p>Run:</p><pre><code>cd /srv</code><br /><code>  make &amp;&amp; make install</code></pre><pre>exit</pre>";
    expect(htmlToBlocks(html)).toEqual([
      { kind: "paragraph", text: "Run:" },
      { kind: "code", text: "cd /srv\n  make && make install\nexit" },
    ]);
  });

  test("table cells with several paragraphs and header rows become rows", () => {
    const html =
      "<table><thead><tr><th><p>Plan</p></th><th><p>Price</p></th></tr></thead>" +
      "<tbody><tr><td><p>Basic</p><p>monthly</p></td><td><p>10 &#8364;</p></td></tr><tr><td></td><td></td></tr></tbody></table>";
    expect(htmlToBlocks(html)).toEqual([
      { kind: "table", text: "Plan | Price\nBasic monthly | 10 €", header: true },
    ]);
  });

  test("empty paragraphs and footnote arrows are dropped", () => {
    const html =
      '<p></p><h3> </h3><ol><li id="footnote-1"><p>A note. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToBlocks(html)).toEqual([{ kind: "list", text: "1. A note." }]);
  });
});
