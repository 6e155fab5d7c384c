import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { until } from "../testing/until";
import { type LanceLocation, openLanceTables, VectorStoreUnreachable } from "./lance-store";
import type { LanceTables } from "./lance-tables";
import { createMemoryServedStore } from "./memory-store";
import type { ChunkRow, VectorStore } from "./vector-store";

// Two instances in one process: each its own LanceDB connection and copy in memory, one object store.
const DIMENSIONS = 8;
const axis = (i: number) => Array.from({ length: DIMENSIONS }, (_, d) => (d === i ? 1 : 0.1));
const row = (documentId: number, chunkIndex: number, text: string, vector = axis(chunkIndex % DIMENSIONS)) =>
  ({
    documentId,
    documentName: `doc-${documentId}.md`,
    chunkIndex,
    windowIndex: 0,
    heading: "",
    page: 0,
    text,
    ftsText: text,
    vector,
  }) satisfies ChunkRow;

let s3: TestS3;
let opened: LanceTables[] = [];
let prefixes = 0;

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.stop();
});
afterEach(async () => {
  await Promise.all(opened.map((tables) => tables.close()));
  opened = [];
});

function location(prefix: string): LanceLocation {
  const env = s3.env(prefix);
  return {
    uri: env.SUPPORTAL_VECTOR_URI!,
    shared: true,
    storageOptions: {
      endpoint: s3.endpoint,
      region: "us-east-1",
      aws_access_key_id: "test-access-key",
      aws_secret_access_key: "test-secret-key",
      allow_http: "true",
    },
  };
}

/** Two instances' stores on one fresh prefix, each checking the store's version on every read. */
async function twoInstances(): Promise<[VectorStore, VectorStore, LanceTables, LanceTables]> {
  const where = location(`case-${++prefixes}`);
  const tablesA = await openLanceTables(where);
  const tablesB = await openLanceTables(where);
  opened.push(tablesA, tablesB);
  return [
    createMemoryServedStore(tablesA, { refreshMs: 0 }),
    createMemoryServedStore(tablesB, { refreshMs: 0 }),
    tablesA,
    tablesB,
  ];
}

const texts = async (store: VectorStore, query: string) =>
  (await store.textSearch(1, query, 10)).map((hit) => hit.text).sort();

describe("vectors on object storage, shared by instances", () => {
  test("a reader's copy in memory follows another instance's writes: a new table, an append, a delete", async () => {
    const [a, b] = await twoInstances();
    // B has looked before the table existed: it remembers "no table".
    expect(await texts(b, "parcels")).toEqual([]);
    await a.add(1, [row(1, 0, "Parcels ship daily from Hamburg.")]);
    expect(await texts(b, "parcels")).toEqual(["Parcels ship daily from Hamburg."]);

    await a.add(1, [row(2, 0, "Parcels to Norway take five days.")]);
    expect(await texts(b, "parcels")).toEqual([
      "Parcels ship daily from Hamburg.",
      "Parcels to Norway take five days.",
    ]);
    expect(await b.countRows(1)).toBe(2);

    await a.deleteDocument(1, 1);
    expect(await texts(b, "parcels")).toEqual(["Parcels to Norway take five days."]);
    const [nearest] = await b.vectorSearch(1, axis(0), 1);
    expect(nearest?.documentId).toBe(2);
  });

  test("a reader answers from its copy, and past the refresh interval swaps in another instance's writes behind the reads", async () => {
    const where = location(`case-${++prefixes}`);
    const tablesA = await openLanceTables(where);
    const tablesB = await openLanceTables(where);
    opened.push(tablesA, tablesB);
    let clock = 0;
    const a = createMemoryServedStore(tablesA, { refreshMs: 1000, now: () => clock });
    const b = createMemoryServedStore(tablesB, { refreshMs: 1000, now: () => clock });
    await a.add(1, [row(1, 0, "Refunds take ten days.")]);
    expect(await texts(b, "refunds")).toEqual(["Refunds take ten days."]);
    await a.add(1, [row(2, 0, "Refunds of gift cards are not possible.")]);
    clock = 999;
    expect(await texts(b, "refunds")).toHaveLength(1);
    // Due: this read still answers from the copy (it never waits for the store), and starts the check.
    clock = 1000;
    expect(await texts(b, "refunds")).toHaveLength(1);
    await until(async () => (await texts(b, "refunds")).length === 2, "B to swap in A's write");
  });

  test("two instances writing one table at once lose no rows, and each copy ends with all of them", async () => {
    const [a, b] = await twoInstances();
    await a.add(1, [row(1, 0, "First document.")]);
    // Both hold a copy in memory, which each one's own writes then update.
    expect(await a.countRows(1)).toBe(1);
    expect(await b.countRows(1)).toBe(1);
    const refusedBefore = s3.refusedCreates();
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        a.add(1, [row(10 + round, 0, `From A, round ${round}.`)]),
        b.add(1, [row(20 + round, 0, `From B, round ${round}.`)]),
      ]);
      expect(await a.countRows(1)).toBe(3 + 2 * round);
      expect(await b.countRows(1)).toBe(3 + 2 * round);
    }
    // The object store refused some commits (both took the same next version): LanceDB retried them.
    expect(s3.refusedCreates()).toBeGreaterThan(refusedBefore);
    expect(await texts(a, "round")).toEqual(await texts(b, "round"));
  });

  test("compaction by one instance keeps the versions another may still be reading", async () => {
    const [a, , tablesA, tablesB] = await twoInstances();
    for (let doc = 1; doc <= 4; doc++) await a.add(1, [row(doc, 0, `Document number ${doc} about parcels.`)]);
    // B reads the table at its current version and keeps that handle (a search in flight).
    expect((await tablesB.readRows(1, { maxVectorCells: 1_000_000 }))?.rows).toHaveLength(4);
    await a.deleteDocument(1, 2);
    await a.add(1, [row(5, 0, "Document number 5 about parcels.")]);
    await tablesA.optimize(1);
    // B's handle still points at the old version; its files must still be there.
    const hits = await tablesB.textSearch(1, "parcels", 10);
    expect(hits.map((hit) => hit.documentId).sort()).toEqual([1, 2, 3, 4]);
    expect(await tablesB.vectorSearch(1, axis(0), 10)).toHaveLength(4);
    // And its next refresh sees the compacted newest version.
    expect(await tablesB.latestVersion(1)).toBe(await tablesA.latestVersion(1));
    expect((await tablesB.readRows(1, { maxVectorCells: 1_000_000 }))?.rows).toHaveLength(4);
  });

  test("a table dropped by one instance is no table for the other", async () => {
    const [a, b] = await twoInstances();
    await a.add(1, [row(1, 0, "Soon gone.")]);
    expect(await b.countRows(1)).toBe(1);
    await a.dropBusiness(1);
    expect(await b.countRows(1)).toBe(0);
    expect(await b.vectorSearch(1, axis(0), 5)).toEqual([]);
    // And B may create it anew.
    await b.add(1, [row(3, 0, "Restored catalogue.")]);
    expect(await texts(a, "catalogue")).toEqual(["Restored catalogue."]);
  });

  test("an object store that cannot be reached stops the start with a line naming it", async () => {
    const nowhere = { ...location("x"), uri: "s3://nowhere/x" };
    nowhere.storageOptions = { ...nowhere.storageOptions, endpoint: "http://127.0.0.1:9" };
    const opening = openLanceTables(nowhere);
    await expect(opening).rejects.toBeInstanceOf(VectorStoreUnreachable);
    await expect(opening).rejects.toThrow(
      "the vector store s3://nowhere/x cannot be opened (Connection refused)",
    );
  });
});
