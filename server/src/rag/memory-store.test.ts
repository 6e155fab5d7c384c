import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLanceTables } from "./lance-store";
import type { LanceTables } from "./lance-tables";
import { createMemoryServedStore } from "./memory-store";
import type { ChunkRow, VectorStore } from "./vector-store";

const DIMENSIONS = 8;
const axis = (i: number, weight = 1) =>
  Array.from({ length: DIMENSIONS }, (_, d) => (d === i ? weight : 0.1));

const row = (documentId: number, chunkIndex: number, windowIndex: number, text: string, vector: number[]) =>
  ({
    documentId,
    documentName: `doc-${documentId}.md`,
    chunkIndex,
    windowIndex,
    heading: windowIndex === 0 ? `Heading ${chunkIndex}` : "",
    page: 0,
    text,
    ftsText: windowIndex === 0 ? text : "",
    vector,
  }) satisfies ChunkRow;

let dir: string;
let lance: LanceTables;
let reads: number[];

/** Real LanceDB tables, with the business of every full read recorded. */
async function open(options: { budgetBytes?: number; maxVectorCells?: number } = {}): Promise<VectorStore> {
  lance = await openLanceTables(dir);
  const readRows = lance.readRows.bind(lance);
  lance.readRows = (businessId, readOptions) => {
    reads.push(businessId);
    return readRows(businessId, readOptions);
  };
  return createMemoryServedStore(lance, options);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "supportal-memory-"));
  reads = [];
});
afterEach(async () => {
  await lance.close();
  await rm(dir, { recursive: true, force: true });
});

describe("memory-served store", () => {
  test("an upload is searchable as soon as it is written; a delete is gone; a replacement shows its new text", async () => {
    const store = await open();
    expect(await store.vectorSearch(1, axis(0), 5)).toEqual([]);
    await store.add(1, [
      row(1, 0, 0, "Parcels ship daily.", axis(0)),
      row(1, 0, 1, "Parcels ship daily.", axis(1)),
    ]);
    const [best] = await store.vectorSearch(1, axis(0), 5);
    expect(best).toMatchObject({ documentId: 1, chunkIndex: 0, windowIndex: 0, text: "Parcels ship daily." });
    expect(best!.score).toBeCloseTo(1, 5);
    expect((await store.textSearch(1, "parcels", 5)).map((hit) => hit.text)).toEqual(["Parcels ship daily."]);

    await store.add(1, [row(2, 0, 0, "Refunds take a week.", axis(2))]);
    expect((await store.vectorSearch(1, axis(2), 1))[0]?.documentId).toBe(2);
    await store.deleteDocument(1, 2);
    expect((await store.vectorSearch(1, axis(2), 5)).some((hit) => hit.documentId === 2)).toBe(false);
    expect(await store.countRows(1)).toBe(2);

    // A replaced document: its old rows deleted, the new version's written.
    await store.deleteDocument(1, 1);
    await store.add(1, [row(1, 0, 0, "Parcels ship twice a day.", axis(0))]);
    expect((await store.vectorSearch(1, axis(0), 5)).map((hit) => hit.text)).toEqual([
      "Parcels ship twice a day.",
    ]);
    expect((await store.textSearch(1, "parcels", 5)).map((hit) => hit.text)).toEqual([
      "Parcels ship twice a day.",
    ]);
    expect(reads).toEqual([1]);
  });

  test("searches are answered from memory after the first; the least recently used table is dropped past the budget and read again", async () => {
    // Room for about one table of this size.
    const store = await open({ budgetBytes: 1_500 });
    const text = "x".repeat(200);
    await store.add(1, [row(1, 0, 0, text, axis(0)), row(1, 1, 0, text, axis(1))]);
    await store.add(2, [row(1, 0, 0, text, axis(2)), row(1, 1, 0, text, axis(3))]);
    await store.vectorSearch(1, axis(0), 1);
    await store.vectorSearch(1, axis(1), 1);
    expect(reads).toEqual([1]);
    await store.vectorSearch(2, axis(2), 1);
    expect(reads).toEqual([1, 2]);
    const [again] = await store.vectorSearch(1, axis(1), 1);
    expect(reads).toEqual([1, 2, 1]);
    expect(again).toMatchObject({ chunkIndex: 1, text });
  });

  test("a table past the scan bound asks LanceDB for keys and scores and finds what the scan finds", async () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(1 + (i % 2), i, 0, `chunk ${i}`, axis(i % DIMENSIONS, 1 + i / 10)),
    );
    const scanned = await open();
    await scanned.add(1, rows);
    const exact = await scanned.vectorSearch(1, axis(3), 10);
    await lance.close();
    const indexed = await open({ maxVectorCells: 10 * DIMENSIONS });
    const found = await indexed.vectorSearch(1, axis(3), 10);
    const key = (hit: { documentId: number; chunkIndex: number }) => `${hit.documentId}:${hit.chunkIndex}`;
    expect(found.map(key)).toEqual(exact.map(key));
    found.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(exact[i]!.score, 5);
      expect(hit.text).toBe(exact[i]!.text);
    });
    // Heading vectors are handed out only by a table that holds its vectors.
    expect(exact[0]!.headingVector).toBeInstanceOf(Float32Array);
    expect(found[0]!.headingVector).toBeUndefined();
  });

  test("a table emptied by deletes reads back as empty after a restart", async () => {
    const store = await open();
    await store.add(4, [row(1, 0, 0, "Only one.", axis(0))]);
    await store.deleteDocument(4, 1);
    await lance.close();
    const reopened = await open();
    expect(await reopened.vectorSearch(4, axis(0), 5)).toEqual([]);
    expect(await reopened.textSearch(4, "only", 5)).toEqual([]);
    await reopened.add(4, [row(2, 0, 0, "Back again.", axis(1))]);
    expect((await reopened.vectorSearch(4, axis(1), 5)).map((hit) => hit.text)).toEqual(["Back again."]);
  });

  test("dropping a business forgets its rows", async () => {
    const store = await open();
    await store.add(3, [row(1, 0, 0, "Gone soon.", axis(0))]);
    expect(await store.countRows(3)).toBe(1);
    await store.dropBusiness(3);
    expect(await store.countRows(3)).toBe(0);
    expect(await store.vectorSearch(3, axis(0), 5)).toEqual([]);
  });
});
