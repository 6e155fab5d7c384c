import { afterEach, beforeEach, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IvfReport } from "./background-ivf";
import { openLanceTables } from "./lance-store";
import type { LanceTables } from "./lance-tables";
import { createMemoryServedStore } from "./memory-store";
import { seededRandom } from "./seeded-random";
import type { ChunkRow, StoredHit } from "./vector-store";

const DIMENSIONS = 64;
const ROWS = 3_000;
const ROWS_PER_DOCUMENT = 100;
/** Tables from 1,000 rows build an index here (the default is 20k rows of 512). */
const MIN_INDEX_CELLS = 1_000 * DIMENSIONS;

const next = seededRandom(11);
const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
// 16 well-separated topics, rows close to theirs: what a help center's embeddings look like.
const topics = Array.from({ length: 16 }, () => Array.from({ length: DIMENSIONS }, gaussian));
const clustered = (i: number) => topics[i % topics.length]!.map((value) => value + 0.3 * gaussian());
// No structure at all: every row about as far from every other.
const scattered = () => Array.from({ length: DIMENSIONS }, gaussian);

const rowsOf = (vectorOf: (i: number) => number[], count: number, firstDocument = 1): ChunkRow[] =>
  Array.from({ length: count }, (_, i) => ({
    documentId: firstDocument + Math.floor(i / ROWS_PER_DOCUMENT),
    documentName: "synthetic.md",
    chunkIndex: i % ROWS_PER_DOCUMENT,
    windowIndex: 0,
    heading: "",
    page: 0,
    text: `chunk ${i}`,
    ftsText: `chunk ${i}`,
    vector: vectorOf(i),
  }));

let dir: string;
let lance: LanceTables;
let reports: IvfReport[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "supportal-memory-index-"));
  lance = await openLanceTables(dir);
  reports = [];
});
afterEach(async () => {
  await lance.close();
  await rm(dir, { recursive: true, force: true });
});

const indexedStore = (tables: LanceTables = lance) =>
  createMemoryServedStore(tables, {
    minIndexCells: MIN_INDEX_CELLS,
    onIndexed: (_, report) => reports.push(report),
  });

/** What an exact scan of the same rows answers: a store that never builds an index, read afresh. */
const exactStore = () => createMemoryServedStore(lance, { minIndexCells: Number.POSITIVE_INFINITY });

const key = (hit: StoredHit) => `${hit.documentId}:${hit.chunkIndex}`;

async function expectExact(
  store: ReturnType<typeof createMemoryServedStore>,
  queries: number[][],
): Promise<void> {
  const exact = exactStore();
  for (const query of queries) {
    const found = await store.vectorSearch(1, query, 10);
    const expected = await exact.vectorSearch(1, query, 10);
    expect(found.map(key)).toEqual(expected.map(key));
    // True cosines either way (rows written in this process are normalised from their float64
    // values, rows read back from their float32 ones: the last bit may differ).
    for (const [i, hit] of found.entries()) expect(hit.score).toBeCloseTo(expected[i]!.score, 6);
  }
}

test("a big table answers exactly while its index is built, then from the index with the same hits, through deletes and inserts", async () => {
  const store = indexedStore();
  await store.add(1, rowsOf(clustered, ROWS));
  const queries = topics.map((_, t) => clustered(t));
  // The first search reads the table into memory, which schedules the build: until it has finished,
  // the exact scan answers.
  await store.vectorSearch(1, queries[0]!, 1);
  expect(reports).toEqual([]);
  await expectExact(store, queries);

  await store.indexSettled(1);
  expect(reports).toHaveLength(1);
  const [report] = reports;
  expect(report!.rows).toBe(ROWS);
  // Calibrated to a few of the partitions: the index answers, and scans only part of the table.
  expect(report!.probes).toBeGreaterThan(0);
  expect(report!.probes).toBeLessThan(report!.partitions);
  await expectExact(store, queries);

  // Deleted rows leave their partitions, new ones join theirs.
  await store.deleteDocument(1, 3);
  await store.add(1, rowsOf(clustered, 200, 100));
  await expectExact(store, queries);
  expect((await store.vectorSearch(1, clustered(0), 200)).some((hit) => hit.documentId === 3)).toBe(false);
});

test("rows without structure: calibration finds the index would miss neighbours, so the 8-bit pre-scan answers, exactly, through deletes and inserts", async () => {
  const store = indexedStore();
  await store.add(1, rowsOf(scattered, ROWS));
  await store.vectorSearch(1, scattered(), 1);
  await store.indexSettled(1);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.probes).toBe(0);
  expect(reports[0]!.recall).toBeLessThan(0.99);
  expect(reports[0]!.prescanUsed).toBe(true);
  const queries = Array.from({ length: 16 }, () => scattered());
  await expectExact(store, queries);

  // Deleted rows leave the 8-bit copy and the rest are renumbered; new rows join it.
  await store.deleteDocument(1, 3);
  await store.add(1, rowsOf(scattered, 200, 100));
  await expectExact(store, queries);
  expect((await store.vectorSearch(1, scattered(), 200)).some((hit) => hit.documentId === 3)).toBe(false);
});

test("a table that grew by half is indexed again, and a table read back after a restart builds its own", async () => {
  const store = indexedStore();
  await store.add(1, rowsOf(clustered, ROWS));
  await store.vectorSearch(1, clustered(0), 1);
  await store.indexSettled(1);
  await store.add(1, rowsOf(clustered, ROWS / 2, 100));
  await store.indexSettled(1);
  expect(reports.map((report) => report.rows)).toEqual([ROWS, ROWS * 1.5]);

  const reopened = indexedStore();
  await reopened.vectorSearch(1, clustered(0), 10);
  await reopened.indexSettled(1);
  expect(reports.map((report) => report.rows)).toEqual([ROWS, ROWS * 1.5, ROWS * 1.5]);
  await expectExact(
    reopened,
    topics.map((_, t) => clustered(t)),
  );
});

/**
 * The durable delete takes this long: far longer than the 3,000-row build (65 ms on a quiet machine,
 * under a second at ten times the load), so the build always finishes while the delete is written.
 */
const SLOW_DELETE_MS = 1_500;

test("a document deleted while the index is being built: that build is dropped and the next one knows the rows' new numbers", async () => {
  const slowDeletes: LanceTables = {
    ...lance,
    deleteDocument: async (businessId, documentId) => {
      await Bun.sleep(SLOW_DELETE_MS);
      return lance.deleteDocument(businessId, documentId);
    },
  };
  const store = indexedStore(slowDeletes);
  await store.add(1, rowsOf(clustered, ROWS));
  await store.vectorSearch(1, clustered(0), 1);
  // The build has started behind the search and finishes while this delete, which renumbers every
  // row after document 2, is being written: it is thrown away rather than reported.
  await store.deleteDocument(1, 2);
  expect(reports).toEqual([]);
  await store.indexSettled(1);
  expect(reports.map((report) => report.rows)).toEqual([ROWS - ROWS_PER_DOCUMENT]);
  await expectExact(
    store,
    topics.map((_, t) => clustered(t)),
  );
});
