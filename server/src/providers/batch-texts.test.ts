import { expect, test } from "bun:test";
import { batchTexts } from "./batch-texts";

test("cuts at the item limit", () => {
  expect(batchTexts(["a", "b", "c", "d", "e"], { maxItems: 2, maxChars: 100 })).toEqual([
    ["a", "b"],
    ["c", "d"],
    ["e"],
  ]);
});

test("cuts at the character budget, and sends an oversized text alone", () => {
  const texts = ["aaaa", "bbbb", "cc", "dddddddddd", "e"];
  expect(batchTexts(texts, { maxItems: 10, maxChars: 8 })).toEqual([
    ["aaaa", "bbbb"],
    ["cc"],
    ["dddddddddd"],
    ["e"],
  ]);
});

test("no texts, no batches", () => {
  expect(batchTexts([], { maxItems: 2, maxChars: 10 })).toEqual([]);
});
