import { expect, test } from "bun:test";
import { bareHeading, buildChunkWindows } from "./build-chunk-windows";

const sentence = (n: number) => `Sentence number ${n} says something about parcels and returns here.`;
const longText = Array.from({ length: 20 }, (_, i) => sentence(i)).join(" ");

test("a chunk is its bare heading, then windows that carry the heading as context", () => {
  const windows = buildChunkWindows({
    documentId: 7,
    documentName: "faq.pdf",
    chunks: [{ index: 0, text: longText, heading: "3.1. Which plan suits me?", page: 4 }],
  });
  expect(windows[0]).toMatchObject({ windowIndex: 0, embedText: "Which plan suits me?", page: 4 });
  expect(windows[0]!.contextText).toBeUndefined();
  expect(windows[0]!.ftsText).toBe(`3.1. Which plan suits me?\n${longText}`);
  for (const window of windows.slice(1)) {
    expect(window.contextText).toBe("Which plan suits me?");
    expect(window.ftsText).toBe("");
    expect(window.text).toBe(longText);
  }
});

test("only the first windows of a chunk are embedded, unless asked for more", () => {
  const chunks = [{ index: 0, text: longText }];
  const capped = buildChunkWindows({ documentId: 1, documentName: "a", chunks, windowsPerChunk: 2 });
  expect(capped.map((w) => w.windowIndex)).toEqual([0, 1]);
  expect(capped[0]!.embedText.startsWith(sentence(0))).toBe(true);
  const all = buildChunkWindows({ documentId: 1, documentName: "a", chunks, windowsPerChunk: 99 });
  expect(all.length).toBeGreaterThan(2);
  expect(all.every((w) => w.contextText === undefined)).toBe(true);
});

test("bareHeading drops section numbers and chapter labels, never the whole heading", () => {
  expect(bareHeading("7.5. What is a conffile?")).toBe("What is a conffile?");
  expect(bareHeading("12 Returns")).toBe("Returns");
  expect(bareHeading("Chapter 3: Choosing a plan")).toBe("Choosing a plan");
  expect(bareHeading("2024")).toBe("2024");
  expect(bareHeading("Shipping")).toBe("Shipping");
});
