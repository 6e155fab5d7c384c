import { describe, expect, test } from "bun:test";
import { htmlToBlocks } from "./html-blocks";

describe("htmlToBlocks", () => {
  test("nested and ordered lists keep their depth and numbers", () => {
    const html = "<ol><li>Open the box<ul><li>Check the cable</li></ul></li><li>Plug it in</li></ol>";
    expect(htmlToBlocks(html)).toEqual([
      { kind: "list", text: "1. Open the box\n  - Check the cable\n2. Plug it in" },
    ]);
  });

  test("links keep their address; entities and line breaks are decoded", () => {
    const html =
      '<p>See <a href="https://shop.example/returns">our returns page</a> &amp; call&nbsp;us<br />today.</p>';
    expect(htmlToBlocks(html)).toEqual([
      { kind: "paragraph", text: "See our returns page (https://shop.example/returns) & call us today." },
    ]);
  });

  test("table cells with several paragraphs and header rows become rows", () => {
    const html =
      "<table><thead><tr><th><p>Plan</p></th><th><p>Price</p></th></tr></thead>" +
      "<tbody><tr><td><p>Basic</p><p>monthly</p></td><td><p>10 &#8364;</p></td></tr><tr><td></td><td></td></tr></tbody></table>";
    expect(htmlToBlocks(html)).toEqual([{ kind: "table", text: "Plan | Price\nBasic monthly | 10 €" }]);
  });

  test("empty paragraphs and footnote arrows are dropped", () => {
    const html =
      '<p></p><h3> </h3><ol><li id="footnote-1"><p>A note. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToBlocks(html)).toEqual([{ kind: "list", text: "1. A note." }]);
  });
});
