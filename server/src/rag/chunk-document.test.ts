import { describe, expect, test } from "bun:test";
import type { Block, ExtractedDocument } from "../documents/extracted";
import { chunkDocument, chunkSearchText, plainPunctuation } from "./chunk-document";
import { splitSentences } from "./chunk-sentences";

/** Distinct, numbered sentences of about 60 characters, so tests can tell where each one went. */
function sentences(from: number, count: number): string {
  return Array.from(
    { length: count },
    (_, at) => `Sentence number ${from + at} tells the reader something useful.`,
  ).join(" ");
}

const paragraph = (text: string, page?: number): Block => ({
  kind: "paragraph",
  text,
  ...(page ? { page } : {}),
});

describe("chunkDocument", () => {
  test("never lets a chunk span two sections, and keeps each section's heading", () => {
    const doc: ExtractedDocument = {
      blocks: [
        paragraph("Welcome to the shop."),
        { kind: "heading", text: "Shipping", level: 1 },
        paragraph("We ship daily."),
        { kind: "heading", text: "Empty section", level: 2 },
        { kind: "heading", text: "Returns", level: 2 },
        paragraph("Returns are free."),
      ],
    };
    expect(chunkDocument(doc, { size: 1000, overlap: 200 })).toEqual([
      { index: 0, text: "Welcome to the shop." },
      { index: 1, text: "We ship daily.", heading: "Shipping" },
      { index: 2, text: "Empty section", heading: "Empty section" },
      { index: 3, text: "Returns are free.", heading: "Returns" },
    ]);
  });

  test("a table split across chunks repeats its header row atop each", () => {
    const rows = Array.from({ length: 12 }, (_, at) => `Model K${at} | ${at + 1} year warranty | in stock`);
    const doc: ExtractedDocument = {
      blocks: [{ kind: "table", text: ["Model | Warranty | Stock", ...rows].join("\n"), header: true }],
    };
    const chunks = chunkDocument(doc, { size: 160, overlap: 40 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.startsWith("Model | Warranty | Stock\n")).toBe(true);
      expect(chunk.text.length).toBeLessThanOrEqual(160);
    }
    const seen = new Set(chunks.flatMap((chunk) => chunk.text.split("\n").slice(1)));
    expect([...seen].sort()).toEqual([...rows].sort());
  });

  test("a heading followed by a heading of its rank keeps its text; a parent heading stays a title", () => {
    const doc: ExtractedDocument = {
      blocks: [
        { kind: "heading", text: "Specifications", level: 1 },
        { kind: "heading", text: "Weight 2.4 kg", level: 3 },
        { kind: "heading", text: "Battery 10 hours", level: 3 },
        paragraph("Charge it fully before first use."),
        { kind: "heading", text: "Screen 13 inches", level: 3 },
      ],
    };
    expect(chunkDocument(doc, { size: 1000, overlap: 200 })).toEqual([
      { index: 0, text: "Weight 2.4 kg", heading: "Weight 2.4 kg" },
      { index: 1, text: "Charge it fully before first use.", heading: "Battery 10 hours" },
      { index: 2, text: "Screen 13 inches", heading: "Screen 13 inches" },
    ]);
  });

  test("chunks stay within size, and blocks join with a blank line, list lines with a newline", () => {
    const doc: ExtractedDocument = {
      blocks: [
        paragraph(sentences(1, 3)),
        { kind: "list", text: "- first item\n- second item" },
        { kind: "table", text: "Plan | Price\nBasic | 10" },
      ],
    };
    const [chunk] = chunkDocument(doc, { size: 1000, overlap: 100 });
    expect(chunk?.text).toBe(`${sentences(1, 3)}\n\n- first item\n- second item\n\nPlan | Price\nBasic | 10`);
    const long: ExtractedDocument = {
      blocks: Array.from({ length: 12 }, (_, at) => paragraph(sentences(at * 7, 7))),
    };
    for (const size of [120, 300, 1000]) {
      const chunks = chunkDocument(long, { size, overlap: Math.floor(size / 5) });
      expect(chunks.length).toBeGreaterThan(1);
      for (const { text } of chunks) expect(text.length).toBeLessThanOrEqual(size);
      expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, at) => at));
    }
  });

  test("a paragraph that fits in a chunk is not split across two", () => {
    const first = sentences(1, 10); // about 600 characters
    const second = sentences(20, 10);
    const chunks = chunkDocument(
      { blocks: [paragraph(first), paragraph(second)] },
      { size: 1000, overlap: 0 },
    );
    expect(chunks.map((chunk) => chunk.text)).toEqual([first, second]);
  });

  test("consecutive chunks of a section overlap by whole sentences, up to the overlap", () => {
    const text = sentences(1, 40);
    const chunks = chunkDocument({ blocks: [paragraph(text)] }, { size: 500, overlap: 150 });
    expect(chunks.length).toBeGreaterThan(4);
    for (let at = 1; at < chunks.length; at++) {
      const previous = splitSentences(chunks[at - 1]!.text);
      const current = splitSentences(chunks[at]!.text);
      const shared = current.filter((sentence) => previous.includes(sentence));
      expect(shared.length).toBeGreaterThan(0);
      expect(shared.join(" ").length).toBeLessThanOrEqual(150);
      // The shared sentences are the previous chunk's last ones and open the next chunk.
      expect(current.slice(0, shared.length)).toEqual(previous.slice(-shared.length));
    }
    // Nothing is lost: every sentence appears somewhere.
    const all = new Set(chunks.flatMap((chunk) => splitSentences(chunk.text)));
    expect(splitSentences(text).every((sentence) => all.has(sentence))).toBe(true);
  });

  test("no overlap crosses a heading", () => {
    const doc: ExtractedDocument = {
      blocks: [
        { kind: "heading", text: "A", level: 1 },
        paragraph(sentences(1, 12)),
        { kind: "heading", text: "B", level: 1 },
        paragraph(sentences(100, 3)),
      ],
    };
    const chunks = chunkDocument(doc, { size: 400, overlap: 200 });
    const b = chunks.filter((chunk) => chunk.heading === "B");
    expect(b).toHaveLength(1);
    expect(b[0]!.text).toBe(sentences(100, 3));
  });

  test("each chunk keeps the page it starts on", () => {
    const doc: ExtractedDocument = {
      blocks: [
        paragraph(sentences(1, 5), 1),
        paragraph(sentences(10, 5), 2),
        paragraph(sentences(20, 12), 3),
      ],
      pageCount: 3,
    };
    const chunks = chunkDocument(doc, { size: 700, overlap: 100 });
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks[0]!.text).toContain("Sentence number 10 ");
    for (const chunk of chunks) {
      const first = Number(/^Sentence number (\d+)/.exec(chunk.text)?.[1]);
      expect(chunk.page).toBe(first < 10 ? 1 : first < 20 ? 2 : 3);
    }
    expect(chunks.at(-1)!.page).toBe(3);
  });

  test("a monster sentence is cut at words, within size", () => {
    const words = Array.from({ length: 400 }, (_, at) => `word${at}`);
    const chunks = chunkDocument({ blocks: [paragraph(words.join(" "))] }, { size: 200, overlap: 50 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const { text } of chunks) {
      expect(text.length).toBeLessThanOrEqual(200);
      for (const token of text.split(" ")) expect(token).toMatch(/^word\d+$/);
    }
    const seen = new Set(chunks.flatMap((chunk) => chunk.text.split(" ")));
    expect(words.every((word) => seen.has(word))).toBe(true);
  });

  test("chunkSearchText puts the heading on its own line before the text", () => {
    expect(chunkSearchText({ index: 0, text: "We ship daily.", heading: "Shipping" })).toBe(
      "Shipping\nWe ship daily.",
    );
    expect(chunkSearchText({ index: 0, text: "We ship daily." })).toBe("We ship daily.");
  });
});

test("typographic quotes and hyphens become the ones a keyboard types, in text and headings", () => {
  expect(plainPunctuation("Don\u2019t use \u201Csid\u201D\u00A0here \u2010 ok")).toBe(
    'Don\'t use "sid" here - ok',
  );
  const [chunk] = chunkDocument(
    {
      blocks: [
        { kind: "heading", text: "What\u2019s new?", level: 2 },
        paragraph("It\u2019s \u2018bookworm\u2019."),
      ],
    },
    { size: 1000, overlap: 0 },
  );
  expect(chunk).toMatchObject({ heading: "What's new?", text: "It's 'bookworm'." });
});
