import { createInFlight } from "../in-flight";
import { Int8Rows } from "./int8-rows";
import { BuildCancelled, IvfIndex, rowOf, yieldToEventLoop } from "./ivf-index";
import { seededRandom } from "./seeded-random";
import type { Scored } from "./top-k";
import type { VectorMatrix } from "./vector-matrix";

/** What a finished build reports: `probes` 0 means the index missed too much and the scan stays. */
export interface IvfReport {
  rows: number;
  partitions: number;
  probes: number;
  /** recall@10 against the exact scan on the calibration queries, at `probes` (or at the most tried). */
  recall: number;
  /**
   * Set when the index was not used and the 8-bit pre-scan was tried instead: its recall@10 on the
   * same queries; it answers when that reaches the same bar (`prescanUsed`).
   */
  prescanRecall?: number;
  prescanUsed?: boolean;
}

/** The rows the index follows: the table's matrix and how many of its rows are filled. */
export type IvfSource = () => { matrix: VectorMatrix; count: number } | null;

/** Stored rows used as calibration queries (one per slice of work: an exact scan of the table each). */
const CALIBRATION_QUERIES = 32;
/** Neighbours a calibration query must find, as the search bench's recall@10. */
const CALIBRATION_DEPTH = 10;
/** recall@10 the probed partitions must reach on the calibration queries. */
const CALIBRATION_RECALL = 0.99;
/** Probes tried first, then doubled; on 100k clustered rows 8 of 316 already found every neighbour. */
const FIRST_PROBES = 8;
/**
 * The probes kept are this many times the fewest that reached the recall: a visitor's question sits
 * further from the stored windows than they sit from each other, so the calibration is optimistic.
 */
const PROBE_MARGIN = 2;
/**
 * Past this share of the partitions an index scans so much that it saves little and still misses:
 * the exact scan stays (the search bench's random rows, nearest neighbour at cosine 0.16, land here).
 */
const MAX_PROBED_SHARE = 1 / 4;
/** The index is built again once the table has grown by this factor since its build. */
const REBUILD_GROWTH = 1.5;
/**
 * Rows the 8-bit pre-scan keeps for the exact scan: this many times the rows asked for, and at least
 * `PRESCAN_MIN_POOL`. Its scores differ from the true cosines by ~5e-4 (rows rounded to 1/127 of
 * their largest component), while on the search bench's 100k unstructured rows the 150th and the
 * 600th best lie ~0.02 apart, so the pool holds every row the exact scan would return.
 */
const PRESCAN_POOL_FACTOR = 4;
const PRESCAN_MIN_POOL = 256;
/** Rows quantised between two yields while the pre-scan is built (~1 ms of CPU). */
const PRESCAN_ROWS_PER_SLICE = 2_000;

const prescanPool = (limit: number) => Math.max(PRESCAN_MIN_POOL, limit * PRESCAN_POOL_FACTOR);

/**
 * An IVF index kept in step with a table's rows and built in the background (slices of work on the
 * event loop, never inside a write or a search). Until a build has finished, and whenever its
 * calibration found it would miss neighbours the exact scan finds, `nearest` answers null and the
 * table scans exactly. Rows appended join their partition at once; rows dropped leave it; a table
 * that grew by half is indexed again behind the old index, which answers meanwhile.
 */
export class BackgroundIvf {
  private index: IvfIndex | null = null;
  private probes = 0;
  /**
   * Where the index would miss neighbours (rows without structure) and the exact scan is bound by
   * reading every float: 8-bit copies of the rows, scanned for a pool that is then scored exactly.
   */
  private prescan: Int8Rows | null = null;
  /** Rows the current index (used or not) was built and calibrated on. */
  private builtRows = 0;
  private building = false;
  /** Bumped when rows are dropped or renumbered: a build started before it is stale. */
  private generation = 0;
  private idle: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Drops of rows under way on the durable table (see `beginDrop`). */
  private drops = createInFlight();

  constructor(
    private source: IvfSource,
    private minRows: number,
    private onBuilt: (report: IvfReport) => void = () => {},
  ) {}

  /** What the index holds besides the vectors: one row number a row, and the centroids. */
  get bytes(): number {
    return (this.index?.bytes ?? 0) + (this.prescan?.bytes ?? 0);
  }

  /** Resolves once no build is running (tests and benches wait for the index with it). */
  settled(): Promise<void> {
    return this.idle;
  }

  /** The `limit` nearest rows from the probed partitions, or null when the exact scan must answer. */
  nearest(matrix: VectorMatrix, query: Float32Array, limit: number, count: number): Scored[] | null {
    if (count < this.minRows) return null;
    if (this.index && this.probes > 0) return this.index.nearest(matrix, query, limit, this.probes);
    if (!this.prescan) return null;
    return matrix.nearestAmong(query, this.prescan.candidates(query, count, prescanPool(limit)), limit);
  }

  /** Ends a running build at its next slice and starts no other (the table left memory). */
  stop(): void {
    this.stopped = true;
  }

  /** Rows `from`..`to` were written to the source's matrix. */
  appended(from: number, to: number): void {
    const source = this.source();
    if (source) {
      for (let row = from; row < to; row++) {
        this.index?.add(row, rowOf(source.matrix, row));
        this.prescan?.set(row, rowOf(source.matrix, row));
      }
    }
    this.schedule();
  }

  /**
   * Rows are about to be dropped (the durable table's delete is under way): a build that finishes
   * before they are is thrown away, and none starts, until the returned release, so the index is
   * always partitioned on the rows that stay, never on rows a delete was taking out.
   */
  beginDrop(): () => void {
    this.generation++;
    return this.drops.begin();
  }

  /** Rows were dropped: `moved[old]` is a row's new number, -1 when it is gone. */
  renumbered(moved: Int32Array): void {
    this.generation++;
    this.index?.retain(
      (row) => moved[row]! >= 0,
      (row) => moved[row]!,
    );
    this.prescan?.renumber(moved);
    this.schedule();
  }

  private needsBuild(): boolean {
    const count = this.source()?.count ?? 0;
    if (this.stopped || count < this.minRows) return false;
    return this.builtRows === 0 || count >= this.builtRows * REBUILD_GROWTH;
  }

  private schedule(): void {
    if (this.building || !this.needsBuild()) return;
    this.building = true;
    this.idle = this.buildLoop()
      .catch((error: unknown) => {
        if (!(error instanceof BuildCancelled)) console.error("[supportal] vector index build failed", error);
      })
      .finally(() => {
        this.building = false;
      });
  }

  private async buildLoop(): Promise<void> {
    while (this.needsBuild()) {
      // Never inside the write that asked for it.
      await yieldToEventLoop();
      await this.drops.idle();
      if (!this.needsBuild()) return;
      const generation = this.generation;
      const source = this.source();
      if (!source) return;
      const { matrix, count } = source;
      // A matrix replaced by growth keeps its first rows' values, so the build may go on reading it.
      const cancelled = () => this.stopped;
      const index = await IvfIndex.build(matrix, count, { cancelled });
      const pause = async () => {
        await yieldToEventLoop();
        if (cancelled()) throw new BuildCancelled("index calibration cancelled");
      };
      const queries = await calibrationQueries(matrix, count, pause);
      const calibration = await calibrate(index, matrix, queries, pause);
      let prescan: Int8Rows | null = null;
      let prescanReport: Pick<IvfReport, "prescanRecall" | "prescanUsed"> = {};
      if (calibration.probes === 0) {
        prescan = await buildPrescan(matrix, count, pause);
        if (prescan) {
          const recall = await prescanRecall(prescan, matrix, count, queries, pause);
          prescanReport = { prescanRecall: recall, prescanUsed: recall >= CALIBRATION_RECALL };
          if (!prescanReport.prescanUsed) prescan = null;
        }
      }
      if (generation !== this.generation) continue; // rows were renumbered meanwhile: start again
      const now = this.source();
      if (!now) return;
      for (let row = count; row < now.count; row++) {
        index.add(row, rowOf(now.matrix, row));
        prescan?.set(row, rowOf(now.matrix, row));
      }
      this.index = index;
      this.probes = calibration.probes;
      this.prescan = prescan;
      this.builtRows = count;
      this.onBuilt({ rows: count, partitions: index.partitions, ...calibration, ...prescanReport });
    }
  }
}

interface CalibrationQuery {
  query: Float32Array;
  /** The exact scan's `CALIBRATION_DEPTH` nearest rows, the query's own row left out. */
  exact: Set<number>;
}

/** Stored rows sampled as queries, each with its exact nearest rows (one exact scan a slice). */
async function calibrationQueries(
  matrix: VectorMatrix,
  count: number,
  pause: () => Promise<void>,
): Promise<CalibrationQuery[]> {
  const next = seededRandom(count);
  const queries: CalibrationQuery[] = [];
  for (let q = 0; q < Math.min(CALIBRATION_QUERIES, count); q++) {
    await pause();
    const self = Math.floor(next() * count);
    const query = Float32Array.from(rowOf(matrix, self));
    const exact = matrix.nearest(query, count, CALIBRATION_DEPTH + 1).filter((hit) => hit.row !== self);
    queries.push({ query, exact: new Set(exact.slice(0, CALIBRATION_DEPTH).map((hit) => hit.row)) });
  }
  return queries;
}

/** Share of the exact neighbours found over the queries (`search` asked for one more, the query's own row). */
async function recallOf(
  queries: CalibrationQuery[],
  search: (query: Float32Array) => Scored[],
  pause: () => Promise<void>,
): Promise<number> {
  let found = 0;
  let wanted = 0;
  for (const { query, exact } of queries) {
    await pause();
    found += search(query).filter((hit) => exact.has(hit.row)).length;
    wanted += exact.size;
  }
  return wanted === 0 ? 1 : found / wanted;
}

/**
 * The fewest probes (8, 16, 32, ...) at which the index finds the exact scan's 10 nearest rows of
 * sampled stored rows (themselves left out), times the margin; 0 when that takes past the share.
 */
async function calibrate(
  index: IvfIndex,
  matrix: VectorMatrix,
  queries: CalibrationQuery[],
  pause: () => Promise<void>,
): Promise<{ probes: number; recall: number }> {
  const most = Math.max(1, Math.floor(index.partitions * MAX_PROBED_SHARE));
  for (let probes = Math.min(FIRST_PROBES, most); ; probes = Math.min(most, probes * 2)) {
    const recall = await recallOf(
      queries,
      (query) => index.nearest(matrix, query, CALIBRATION_DEPTH + 1, probes),
      pause,
    );
    if (recall >= CALIBRATION_RECALL) {
      return { probes: Math.min(index.partitions, probes * PROBE_MARGIN), recall };
    }
    if (probes >= most) return { probes: 0, recall };
  }
}

/** 8-bit copies of the first `count` rows, or null where the pre-scan's kernel cannot run. */
async function buildPrescan(
  matrix: VectorMatrix,
  count: number,
  pause: () => Promise<void>,
): Promise<Int8Rows | null> {
  const prescan = Int8Rows.create(matrix.dimensions, matrix.capacity);
  if (!prescan) return null;
  for (let row = 0; row < count; row++) {
    if (row % PRESCAN_ROWS_PER_SLICE === PRESCAN_ROWS_PER_SLICE - 1) await pause();
    prescan.set(row, rowOf(matrix, row));
  }
  return prescan;
}

/** recall@10 of the pre-scan and exact rerank against the exact scan, on the calibration queries. */
function prescanRecall(
  prescan: Int8Rows,
  matrix: VectorMatrix,
  count: number,
  queries: CalibrationQuery[],
  pause: () => Promise<void>,
): Promise<number> {
  const limit = CALIBRATION_DEPTH + 1;
  return recallOf(
    queries,
    (query) => matrix.nearestAmong(query, prescan.candidates(query, count, prescanPool(limit)), limit),
    pause,
  );
}
