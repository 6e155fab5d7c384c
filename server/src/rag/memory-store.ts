import type { IvfReport } from "./background-ivf";
import type { LanceTables, ScoredKey, WriteVersions } from "./lance-tables";
import { MemoryTable, type TableIndexing } from "./memory-table";
import { NO_TERM_STATS } from "./term-stats";
import type { StoredHit, VectorStore } from "./vector-store";

export interface MemoryOptions {
  /** Bytes that every business's table together may hold in memory; least recently used go first. */
  budgetBytes: number;
  /** Rows × dimensions up to which a table keeps its vectors in memory (past it, LanceDB's index answers). */
  maxVectorCells: number;
  /** Rows × dimensions from which a table holding vectors builds an IVF index in the background. */
  minIndexCells: number;
  /** Hears of every finished index build (benches report them). */
  onIndexed?: (businessId: number, report: IvfReport) => void;
  /**
   * Set when other instances write the same tables: a copy in memory older than this many ms is
   * checked against the table's newest version (behind the reads; before them with 0), and read
   * again when another instance moved it. Unset: this process is the only writer, and its copy is
   * always current.
   */
  refreshMs?: number;
  /** The clock of those checks. */
  now?: () => number;
}

/**
 * Measured in bench/search-latency.bench.ts on 2 shared cores, CPU per query: the WebAssembly SIMD
 * scan (vector-matrix.ts) 0.36 ms at 663 rows, ~2.5 ms at 10k and ~23 ms at 100k; LanceDB's IVF_FLAT
 * index ~13-30 ms at 100k (its threads counted) and ~2 ms of fixed cost on any table; the in-memory
 * IVF index (ivf-index.ts) ~1.4 ms at 100k clustered rows with every neighbour found
 * (bench/ivf.bench.ts). So vectors are held up to 100k rows of 512 floats, 205 MB: two such tables
 * fit in the budget below beside the small ones (two of unstructured rows, each with its 8-bit
 * pre-scan, do not: the least recently used is read again when asked); a bigger table (or 100k rows of 1,536 floats, 614 MB,
 * more than the budget alone) is left to LanceDB's index.
 */
export const DEFAULT_MAX_VECTOR_CELLS = 100_000 * 512;
/**
 * Up to 20k rows of 512 the exact scan costs ≤ ~5 ms and needs no build; past it an index is built
 * in the background and answers once calibrated (background-ivf.ts).
 */
export const DEFAULT_MIN_INDEX_CELLS = 20_000 * 512;
/**
 * A table at the vector bound holds ~205 MB plus its texts, and ~52 MB more when its vectors have no
 * structure for the IVF index and the 8-bit pre-scan answers instead (background-ivf.ts); the small
 * ones a few MB each.
 */
export const DEFAULT_BUDGET_BYTES = 512 * 1024 * 1024;

/** The store, and a way to wait for a business's index builds (benches and tests). */
export type MemoryServedStore = VectorStore & {
  /** Resolves once the business's table in memory has no index build running. */
  indexSettled(businessId: number): Promise<void>;
};

interface Entry {
  /** Null: the business has no table yet. */
  table: MemoryTable | null;
  /** The table version the copy holds (null: no table). */
  version: number | null;
  /** When the version was last compared with the store's newest. */
  checkedAt: number;
}

/** True when a write went straight from the version the copy holds to the next: nobody else wrote. */
function isOwnStep(entry: Entry, versions: WriteVersions): boolean {
  if (entry.version !== versions.from || versions.to === null) return false;
  return versions.from === null || versions.to === versions.from + 1;
}

/**
 * LanceDB stays the durable store; searches are served from memory. A business's rows are read once
 * (on its first search after a start or an eviction), and every write goes to LanceDB first, then to
 * the copy in memory, so it is searchable as soon as the write resolves. Small tables are searched by
 * an exact scan of their vectors; bigger ones ask LanceDB's index for keys and scores only and take
 * the texts from memory. Full-text search, likewise: a BM25 index in memory that tokenises and scores
 * as LanceDB's does (bm25-index.ts) while the table is small, LanceDB's index (keys and scores) past it.
 */
export function createMemoryServedStore(
  tables: LanceTables,
  options: Partial<MemoryOptions> = {},
): MemoryServedStore {
  const budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const maxVectorCells = options.maxVectorCells ?? DEFAULT_MAX_VECTOR_CELLS;
  const minIndexCells = options.minIndexCells ?? DEFAULT_MIN_INDEX_CELLS;
  const { onIndexed } = options;
  const indexing = (businessId: number): TableIndexing => ({
    minIndexCells,
    ...(onIndexed ? { onIndexed: (report: IvfReport) => onIndexed(businessId, report) } : {}),
  });
  const { refreshMs } = options;
  const now = options.now ?? Date.now;
  // Most recently used last.
  const entries = new Map<number, Entry>();
  // Loads and writes of one business run one after another, so a load never misses a write.
  const queues = new Map<number, Promise<unknown>>();

  function serialise<T>(businessId: number, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(businessId) ?? Promise.resolve()).then(work, work);
    queues.set(
      businessId,
      next.catch(() => undefined),
    );
    return next;
  }

  function touch(businessId: number, entry: Entry): void {
    entries.delete(businessId);
    entries.set(businessId, entry);
  }

  /** Drops the least recently used tables until the rest fit, never the one just used. */
  function fitBudget(keep: number): void {
    let total = 0;
    for (const entry of entries.values()) total += entry.table?.bytes ?? 0;
    for (const [businessId, entry] of entries) {
      if (total <= budgetBytes) return;
      if (businessId === keep) continue;
      total -= entry.table?.bytes ?? 0;
      entry.table?.close();
      entries.delete(businessId);
    }
  }

  async function read(businessId: number): Promise<Entry> {
    const checkedAt = now();
    const read = await tables.readRows(businessId, { maxVectorCells });
    if (!read) return { table: null, version: null, checkedAt };
    const table = new MemoryTable(
      read.dimensions,
      maxVectorCells,
      read.rows,
      read.withVectors,
      indexing(businessId),
    );
    return { table, version: read.version, checkedAt };
  }

  /** True when the copy is due to be compared with the store's newest version. */
  const isDue = (entry: Entry) => refreshMs !== undefined && now() - entry.checkedAt >= refreshMs;

  /** Whether another instance has moved the table past the copy. */
  async function movedOn(businessId: number, entry: Entry): Promise<boolean> {
    entry.checkedAt = now();
    return (await tables.latestVersion(businessId)) !== entry.version;
  }

  function keep(businessId: number, entry: Entry): void {
    entries.delete(businessId);
    entries.set(businessId, entry);
    fitBudget(businessId);
  }

  /**
   * Checks the copy against the store's newest version behind the reads, and swaps in a fresh copy
   * when another instance moved the table: a search never waits for the object store's answer
   * (measured in bench/two-instances.bench.ts: checking before answering put the check's round trip
   * in the tail, p99 first delta 3.8× one instance's against 1.1× with it off the path).
   */
  function refreshBehind(businessId: number, entry: Entry): void {
    entry.checkedAt = now();
    void serialise(businessId, async () => {
      if (entries.get(businessId) !== entry || !(await movedOn(businessId, entry))) return;
      const fresh = await read(businessId);
      if (entries.get(businessId) === entry) keep(businessId, fresh);
    }).catch((error: unknown) => console.error("[supportal] vector table refresh failed", error));
  }

  async function load(businessId: number): Promise<MemoryTable | null> {
    const cached = entries.get(businessId);
    // With a refresh interval of 0 (tests, or read-your-writes across instances) the check comes first.
    if (cached && !(refreshMs === 0 && isDue(cached))) {
      if (isDue(cached)) refreshBehind(businessId, cached);
      touch(businessId, cached);
      return cached.table;
    }
    return serialise(businessId, async () => {
      const raced = entries.get(businessId);
      if (raced && !(isDue(raced) && (await movedOn(businessId, raced)))) {
        touch(businessId, raced);
        return raced.table;
      }
      const entry = await read(businessId);
      keep(businessId, entry);
      return entry.table;
    });
  }

  /** After a write of this process: the copy follows it, or is dropped when another writer came between. */
  function follow(businessId: number, versions: WriteVersions, apply: (entry: Entry) => void): void {
    const entry = entries.get(businessId);
    if (!entry) return;
    if (refreshMs !== undefined && !isOwnStep(entry, versions)) {
      entries.delete(businessId);
      return;
    }
    apply(entry);
    entry.version = versions.to;
  }

  function hitsOf(table: MemoryTable, keys: ScoredKey[], byChunk: boolean): StoredHit[] {
    const hits: StoredHit[] = [];
    for (const key of keys) {
      const hit = byChunk
        ? table.chunkHit(key.documentId, key.chunkIndex, key.score)
        : table.hit(key.documentId, key.chunkIndex, key.windowIndex, key.score);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  return {
    add: (businessId, rows) =>
      serialise(businessId, async () => {
        if (rows.length === 0) return;
        const versions = await tables.add(businessId, rows);
        follow(businessId, versions, (entry) => {
          if (entry.table) entry.table.append(rows);
          else
            entry.table = new MemoryTable(
              rows[0]!.vector.length,
              maxVectorCells,
              rows,
              true,
              indexing(businessId),
            );
        });
        fitBudget(businessId);
      }),

    deleteDocument: (businessId, documentId) =>
      serialise(businessId, async () => {
        const release = entries.get(businessId)?.table?.beginDrop() ?? (() => {});
        try {
          const versions = await tables.deleteDocument(businessId, documentId);
          follow(businessId, versions, (entry) => entry.table?.deleteDocument(documentId));
        } finally {
          release();
        }
      }),

    dropBusiness: (businessId) =>
      serialise(businessId, async () => {
        entries.delete(businessId);
        await tables.dropBusiness(businessId);
      }),

    async vectorSearch(businessId, vector, limit) {
      const table = await load(businessId);
      if (!table) return [];
      if (table.scans) return table.nearest(vector, limit);
      return hitsOf(table, await tables.vectorSearch(businessId, vector, limit), false);
    },

    async textSearch(businessId, query, limit) {
      const table = await load(businessId);
      if (!table) return [];
      if (table.searchesText) return table.textSearch(query, limit);
      return hitsOf(table, await tables.textSearch(businessId, query, limit), true);
    },

    async countRows(businessId) {
      return (await load(businessId))?.rowCount ?? 0;
    },

    async termStats(businessId) {
      return (await load(businessId))?.termStats ?? NO_TERM_STATS;
    },

    async optimize(businessId) {
      await tables.optimize(businessId);
      // Compaction keeps the rows as they are, but its versions cannot tell whether another
      // instance's write came between them: a shared copy is read again.
      if (refreshMs !== undefined) entries.delete(businessId);
    },

    async indexSettled(businessId) {
      await entries.get(businessId)?.table?.indexSettled();
    },

    async close() {
      await Promise.all(queues.values());
      for (const entry of entries.values()) entry.table?.close();
      entries.clear();
      await tables.close();
    },
  };
}
