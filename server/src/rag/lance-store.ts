import * as lancedb from "@lancedb/lancedb";
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from "apache-arrow";
import { readColumns } from "./arrow-columns";
import { userTextQuery } from "./fts-query";
import type { LanceTables, ScoredKey } from "./lance-tables";
import { createMemoryServedStore, type MemoryOptions, type MemoryServedStore } from "./memory-store";
import type { TableRow } from "./memory-table";
import type { ChunkRow } from "./vector-store";

const tableName = (businessId: number) => `business_${businessId}`;
const KEY_COLUMNS = { document_id: "int", chunk_index: "int", window_index: "int" } as const;
const ROW_COLUMNS = {
  ...KEY_COLUMNS,
  document_name: "string",
  heading: "string",
  page: "int",
  text: "string",
} as const;

function schemaFor(dimensions: number): Schema {
  return new Schema([
    new Field("document_id", new Int32(), false),
    new Field("document_name", new Utf8(), false),
    new Field("chunk_index", new Int32(), false),
    new Field("window_index", new Int32(), false),
    new Field("heading", new Utf8(), false),
    new Field("page", new Int32(), false),
    new Field("text", new Utf8(), false),
    new Field("fts_text", new Utf8(), false),
    new Field("vector", new FixedSizeList(dimensions, new Field("item", new Float32(), true)), false),
  ]);
}

function toRecord(row: ChunkRow): Record<string, unknown> {
  return {
    document_id: row.documentId,
    document_name: row.documentName,
    chunk_index: row.chunkIndex,
    window_index: row.windowIndex,
    heading: row.heading,
    page: row.page,
    text: row.text,
    fts_text: row.ftsText,
    vector: row.vector,
  };
}

/** The keys and scores of a search result, its columns checked once for the whole result. */
function scoredKeys(table: Awaited<ReturnType<lancedb.Query["toArrow"]>>, score: "_distance" | "_score") {
  // An empty answer may come without any columns at all.
  if (table.numRows === 0) return [];
  const { rows, columns } = readColumns(table, { ...KEY_COLUMNS, [score]: "float" } as const);
  const scores = (columns as unknown as Record<string, Float32Array>)[score]!;
  const keys: ScoredKey[] = [];
  for (let i = 0; i < rows; i++) {
    keys.push({
      documentId: columns.document_id[i]!,
      chunkIndex: columns.chunk_index[i]!,
      windowIndex: columns.window_index[i]!,
      score: score === "_distance" ? 1 - scores[i]! : scores[i]!,
    });
  }
  return keys;
}

// English stemming and stop words: a customer's "installing" should meet the FAQ's "installed",
// and "how do I" should not weigh in. Applied to the query by the same tokenizer. No positions:
// nothing searches for phrases, and the index is smaller and quicker to build and read without them.
const FTS_OPTIONS = {
  language: "English",
  stem: true,
  removeStopWords: true,
  asciiFolding: true,
  withPosition: false,
} as const;

/**
 * Below this many rows an exact scan answers in a few milliseconds; from here on the table gets an
 * IVF_FLAT vector index: k-means partitions, built in seconds, and exact distances inside the
 * partitions searched, so `similarity` keeps its meaning for the chat's relevance thresholds. At 100k
 * rows of 512 dimensions on 2 cores (bench/search-latency.bench.ts) the exact scan took ~400 ms a
 * query and IVF_FLAT ~15-20 ms at recall@10 ~0.9-0.99; in a side test IVF_PQ queried faster (~7 ms)
 * but scores only approximately, recalled 0.90 and took ~35 s to build; HNSW_SQ took ~150 s to build
 * and IVF_RQ recalled 0.2.
 */
const VECTOR_INDEX_MIN_ROWS = 5_000;
/**
 * Partitions searched per query, of about the square root of the row count that the index has.
 * At 100k synthetic rows (bench/search-latency.bench.ts) 20 recalled 0.91 of the exact top 10;
 * the goal is 0.95, so twice as many.
 */
const VECTOR_INDEX_PROBES = 40;

/** Creates the vector index once the table is big enough for an exact scan to be slow. */
async function ensureVectorIndex(table: lancedb.Table): Promise<void> {
  if ((await table.countRows()) < VECTOR_INDEX_MIN_ROWS) return;
  if ((await table.listIndices()).some((index) => index.columns.includes("vector"))) return;
  await table.createIndex("vector", { config: lancedb.Index.ivfFlat({ distanceType: "cosine" }) });
}

/** Where and how to open the tables. */
export interface LanceLocation {
  /** A directory, or `s3://bucket/prefix`. */
  uri: string;
  /** LanceDB's object-store options (endpoint, region, credentials). */
  storageOptions?: Record<string, string>;
  /**
   * Other instances write these tables too: every write and every load starts from the newest
   * version on the store, and old versions are kept for `SHARED_VERSION_RETENTION_MS`.
   */
  shared?: boolean;
}

/**
 * How long a shared table keeps the versions it has moved past. Another instance may be reading one
 * of them: a reader refreshes at least every `SUPPORTAL_VECTOR_REFRESH_MS` (at most a minute) and its
 * longest read, a whole table into memory, took seconds at 100k rows; an hour leaves a wide margin
 * and costs only the files of the rows replaced within it. A single instance deletes them at once.
 */
export const SHARED_VERSION_RETENTION_MS = 60 * 60_000;

/** LanceDB on disk or object storage, one table per business, served from memory (see `createMemoryServedStore`). */
export async function createLanceStore(
  location: string | LanceLocation,
  options: Partial<MemoryOptions> = {},
): Promise<MemoryServedStore> {
  return createMemoryServedStore(await openLanceTables(location), options);
}

/** The tables' location cannot be opened at start (an object store down, a wrong bucket or key). */
export class VectorStoreUnreachable extends Error {
  constructor(uri: string, cause: unknown) {
    const text = String(cause);
    const reason =
      /connection refused|dns error|timed out|no such bucket|access denied|forbidden|invalid.?access.?key|signature/i.exec(
        text,
      )?.[0] ?? text.slice(0, 160);
    super(`the vector store ${uri} cannot be opened (${reason})`);
    this.name = "VectorStoreUnreachable";
  }
}

/** "Table already exists" from a create another instance won. */
const isAlreadyExists = (error: unknown) => /already exists/i.test(String(error));

/** LanceDB tables, one per business, with an FTS index on `fts_text`. */
export async function openLanceTables(location: string | LanceLocation): Promise<LanceTables> {
  const { uri, storageOptions, shared = false } = typeof location === "string" ? { uri: location } : location;
  const db = await lancedb.connect(uri, { storageOptions }).catch((error: unknown) => {
    throw new VectorStoreUnreachable(uri, error);
  });
  const tables = new Map<number, lancedb.Table>();
  // Writes to one table are serialised so the first add cannot race another into creating it twice.
  const writeQueues = new Map<number, Promise<unknown>>();

  function serialise<T>(businessId: number, work: () => Promise<T>): Promise<T> {
    const previous = writeQueues.get(businessId) ?? Promise.resolve();
    const next = previous.then(work, work);
    writeQueues.set(
      businessId,
      next.catch(() => undefined),
    );
    return next;
  }

  async function openTable(businessId: number): Promise<lancedb.Table | null> {
    const cached = tables.get(businessId);
    if (cached) return cached;
    const names = await db.tableNames();
    if (!names.includes(tableName(businessId))) return null;
    const table = await db.openTable(tableName(businessId));
    tables.set(businessId, table);
    return table;
  }

  /** The table at its newest version, whoever wrote it (shared), or as this process left it. */
  async function latestTable(businessId: number): Promise<lancedb.Table | null> {
    const table = await openTable(businessId);
    if (!table || !shared) return table;
    try {
      await table.checkoutLatest();
      return table;
    } catch (error) {
      // The store unreachable: that error. Dropped by another instance: the handle is forgotten (not
      // closed: a search of this instance may be using it still) and there is no table.
      if ((await db.tableNames()).includes(tableName(businessId))) throw error;
      if (tables.get(businessId) === table) tables.delete(businessId);
      return null;
    }
  }

  async function create(businessId: number, rows: ChunkRow[]): Promise<lancedb.Table | null> {
    try {
      const table = await db.createTable(tableName(businessId), rows.map(toRecord), {
        schema: schemaFor(rows[0]!.vector.length),
      });
      await table.createIndex("fts_text", { config: lancedb.Index.fts(FTS_OPTIONS) });
      tables.set(businessId, table);
      return table;
    } catch (error) {
      if (shared && isAlreadyExists(error)) return null;
      throw error;
    }
  }

  return {
    add: (businessId, rows) =>
      serialise(businessId, async () => {
        let table = await latestTable(businessId);
        const from = table ? await table.version() : null;
        if (rows.length === 0) return { from, to: from };
        if (!table) {
          const created = await create(businessId, rows);
          if (created) return { from: null, to: await created.version() };
          // Another instance created the table first: the rows join theirs, at versions not ours to count.
          table = await latestTable(businessId);
          await table!.add(rows.map(toRecord));
          return { from: null, to: null };
        }
        await table.add(rows.map(toRecord));
        return { from, to: await table.version() };
      }),

    deleteDocument: (businessId, documentId) =>
      serialise(businessId, async () => {
        const table = await latestTable(businessId);
        if (!table) return { from: null, to: null };
        const from = await table.version();
        await table.delete(`document_id = ${Math.trunc(documentId)}`);
        return { from, to: await table.version() };
      }),

    dropBusiness: (businessId) =>
      serialise(businessId, async () => {
        tables.get(businessId)?.close();
        tables.delete(businessId);
        const names = await db.tableNames();
        if (names.includes(tableName(businessId))) await db.dropTable(tableName(businessId));
      }),

    async latestVersion(businessId) {
      const table = await latestTable(businessId);
      return table ? table.version() : null;
    },

    async readRows(businessId, options) {
      const table = await latestTable(businessId);
      if (!table) return null;
      const version = await table.version();
      const field = (await table.schema()).fields.find((candidate) => candidate.name === "vector");
      const dimensions = (field?.type as { listSize?: number } | undefined)?.listSize ?? 0;
      const withVectors = (await table.countRows()) * dimensions <= options.maxVectorCells;
      const columns = withVectors ? { ...ROW_COLUMNS, vector: "vector" as const } : ROW_COLUMNS;
      const arrow = await table.query().select(Object.keys(columns)).toArrow();
      if (arrow.numRows === 0) return { dimensions, rows: [], withVectors, version };
      const result = readColumns(arrow, columns);
      const c = result.columns as typeof result.columns & { vector?: Float32Array };
      const rows: TableRow[] = [];
      for (let i = 0; i < result.rows; i++) {
        const row: TableRow = {
          documentId: c.document_id[i]!,
          documentName: c.document_name[i]!,
          chunkIndex: c.chunk_index[i]!,
          windowIndex: c.window_index[i]!,
          heading: c.heading[i]!,
          page: c.page[i]!,
          text: c.text[i]!,
        };
        if (c.vector) row.vector = c.vector.subarray(i * dimensions, (i + 1) * dimensions);
        rows.push(row);
      }
      return { dimensions, rows, withVectors, version };
    },
    async vectorSearch(businessId, vector, limit) {
      const table = await openTable(businessId);
      if (!table) return [];
      const result = await table
        .vectorSearch(vector)
        .distanceType("cosine")
        .nprobes(VECTOR_INDEX_PROBES)
        .select([...Object.keys(KEY_COLUMNS), "_distance"])
        .limit(limit)
        .toArrow();
      return scoredKeys(result, "_distance");
    },

    async textSearch(businessId, query, limit) {
      const table = await openTable(businessId);
      if (!table) return [];
      const result = await table
        .query()
        .fullTextSearch(userTextQuery(query, "fts_text"))
        .select([...Object.keys(KEY_COLUMNS), "_score"])
        .limit(limit)
        .toArrow();
      return scoredKeys(result, "_score");
    },

    async countRows(businessId) {
      const table = await openTable(businessId);
      return table ? table.countRows() : 0;
    },

    optimize: (businessId) =>
      serialise(businessId, async () => {
        const table = await latestTable(businessId);
        if (!table) return { from: null, to: null };
        const from = await table.version();
        await ensureVectorIndex(table);
        // Folds rows added since into the indexes (full-text and vector) and compacts small fragments.
        const keepSince = shared ? Date.now() - SHARED_VERSION_RETENTION_MS : Date.now();
        await table.optimize({ cleanupOlderThan: new Date(keepSince) });
        return { from, to: await table.version() };
      }),

    async close() {
      await Promise.all(writeQueues.values());
      for (const table of tables.values()) table.close();
      tables.clear();
      db.close();
    },
  };
}
