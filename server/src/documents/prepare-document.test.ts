import { expect, test } from "bun:test";
import { makePdfInflateBomb } from "../testing/hostile-files";
import { prepareDocument } from "./prepare-document";

const chunking = { size: 200, overlap: 0 };
const manual = new TextEncoder().encode(
  Array.from(
    { length: 40 },
    (_, i) => `Step ${i}: turn the dial to position ${i} and wait for the green light.`,
  ).join("\n\n"),
);

test("within the limits a document comes back as chunks", async () => {
  const prepared = await prepareDocument(manual, "txt", {
    limits: { maxChars: 10_000, maxChunks: 100 },
    chunking,
  });
  expect(prepared.chunks.length).toBeGreaterThan(5);
});

test("too much extracted text fails with a reason naming the setting", async () => {
  await expect(
    prepareDocument(manual, "txt", { limits: { maxChars: 1000, maxChunks: 100 }, chunking }),
  ).rejects.toThrow(/characters of text; the limit is 1,000 \(SUPPORTAL_MAX_DOCUMENT_CHARS\)/);
});

test("too many chunks fails with a reason naming the setting", async () => {
  await expect(
    prepareDocument(manual, "txt", { limits: { maxChars: 10_000, maxChunks: 3 }, chunking }),
  ).rejects.toThrow(/chunks; the limit is 3 \(SUPPORTAL_MAX_DOCUMENT_CHUNKS\)/);
});

test("a PDF's streams are bounded before pdf.js reads them", async () => {
  await expect(
    prepareDocument(makePdfInflateBomb(1024), "pdf", {
      limits: { maxChars: 10_000, maxChunks: 100 },
      chunking,
    }),
  ).rejects.toThrow(/expands to more than 100 MB/);
});
