import { expect, test } from "bun:test";
import { MemoryTable } from "./memory-table";
import { stem } from "./terms";

const row = (documentId: number, chunkIndex: number, windowIndex: number, text: string) => ({
  documentId,
  documentName: `doc-${documentId}.md`,
  chunkIndex,
  windowIndex,
  heading: "Shipping",
  page: 0,
  text,
  vector: [1, 0],
});

test("a table counts each chunk's terms once, however many windows it has, and forgets deleted documents", () => {
  const table = new MemoryTable(2, 1_000, [
    row(1, 0, 0, "Express delivery next day."),
    row(1, 0, 1, "Express delivery next day."),
    row(2, 0, 0, "Standard delivery in three days."),
  ]);
  expect(table.termStats.chunks).toBe(2);
  const frequency = (word: string) => table.termStats.frequency(stem(word));
  expect(frequency("delivery")).toBe(2);
  expect(frequency("express")).toBe(1);
  // The heading counts too: coverage reads it with the text.
  expect(frequency("shipping")).toBe(2);
  table.deleteDocument(1);
  expect(table.termStats.chunks).toBe(1);
  expect(frequency("express")).toBe(0);
});
