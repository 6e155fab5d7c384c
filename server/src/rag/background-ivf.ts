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
 * An IVF index kept in step with a table's rows and built in the background (slices of work on the
 * event loop, never inside a write or a search). Until a build has finished, and whenever its
 * calibration found it would miss neighbours the exact scan finds, `nearest` answers null and the
 * table scans exactly. Rows appended join their partition at once; rows dropped leave it; a table
 * that grew by half is indexed again behind the old index, which answers meanwhile.
 */
export class BackgroundIvf {
  private index: IvfIndex | null = null;
  private probes = 0;
  /** Rows the current index (used or not) was built and calibrated on. */
  private builtRows = 0;
  private building = false;
  /** Bumped when rows are dropped or renumbered: a build started before it is stale. */
  private generation = 0;
  private idle: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Drops of rows under way on the durable table (see `beginDrop`). */
  private drops = 0;
  private dropsDone: (() => void)[] = [];

  constructor(
    private source: IvfSource,
    private minRows: number,
    private onBuilt: (report: IvfReport) => void = () => {},
  ) {}

  /** What the index holds besides the vectors: one row number a row, and the centroids. */
  get bytes(): number {
    return this.index?.bytes ?? 0;
  }

  /** Resolves once no build is running (tests and benches wait for the index with it). */
  settled(): Promise<void> {
    return this.idle;
  }

  /** The `limit` nearest rows from the probed partitions, or null when the exact scan must answer. */
  nearest(matrix: VectorMatrix, query: Float32Array, limit: number, count: number): Scored[] | null {
    if (!this.index || this.probes === 0 || count < this.minRows) return null;
    return this.index.nearest(matrix, query, limit, this.probes);
  }

  /** Ends a running build at its next slice and starts no other (the table left memory). */
  stop(): void {
    this.stopped = true;
  }

  /** Rows `from`..`to` were written to the source's matrix. */
  appended(from: number, to: number): void {
    const source = this.source();
    if (this.index && source) {
      for (let row = from; row < to; row++) this.index.add(row, rowOf(source.matrix, row));
    }
    this.schedule();
  }

  /**
   * Rows are about to be dropped (the durable table's delete is under way): a build that finishes
   * before they are is thrown away, and none starts, until the returned release, so the index is
   * always partitioned on the rows that stay, never on rows a delete was taking out.
   */
  beginDrop(): () => void {
    this.drops++;
    this.generation++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.drops === 0) for (const resume of this.dropsDone.splice(0)) resume();
    };
  }

  private dropsSettled(): Promise<void> {
    return this.drops === 0 ? Promise.resolve() : new Promise((resume) => this.dropsDone.push(resume));
  }

  /** Rows were dropped: `moved[old]` is a row's new number, -1 when it is gone. */
  renumbered(moved: Int32Array): void {
    this.generation++;
    this.index?.retain(
      (row) => moved[row]! >= 0,
      (row) => moved[row]!,
    );
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
      await this.dropsSettled();
      if (!this.needsBuild()) return;
      const generation = this.generation;
      const source = this.source();
      if (!source) return;
      const { matrix, count } = source;
      // A matrix replaced by growth keeps its first rows' values, so the build may go on reading it.
      const cancelled = () => this.stopped;
      const index = await IvfIndex.build(matrix, count, { cancelled });
      const calibration = await calibrate(index, matrix, count, cancelled);
      if (generation !== this.generation) continue; // rows were renumbered meanwhile: start again
      const now = this.source();
      if (!now) return;
      for (let row = count; row < now.count; row++) index.add(row, rowOf(now.matrix, row));
      this.index = index;
      this.probes = calibration.probes;
      this.builtRows = count;
      this.onBuilt({ rows: count, partitions: index.partitions, ...calibration });
    }
  }
}

/**
 * The fewest probes (8, 16, 32, ...) at which the index finds the exact scan's 10 nearest rows of
 * sampled stored rows (themselves left out), times the margin; 0 when that takes past the share.
 */
async function calibrate(
  index: IvfIndex,
  matrix: VectorMatrix,
  count: number,
  cancelled: () => boolean,
): Promise<{ probes: number; recall: number }> {
  const pause = async () => {
    await yieldToEventLoop();
    if (cancelled()) throw new BuildCancelled("index calibration cancelled");
  };
  const next = seededRandom(count);
  const queries: { query: Float32Array; exact: Set<number> }[] = [];
  for (let q = 0; q < Math.min(CALIBRATION_QUERIES, count); q++) {
    await pause();
    const self = Math.floor(next() * count);
    const query = Float32Array.from(rowOf(matrix, self));
    const exact = matrix.nearest(query, count, CALIBRATION_DEPTH + 1).filter((hit) => hit.row !== self);
    queries.push({ query, exact: new Set(exact.slice(0, CALIBRATION_DEPTH).map((hit) => hit.row)) });
  }
  const most = Math.max(1, Math.floor(index.partitions * MAX_PROBED_SHARE));
  let recall = 0;
  for (let probes = Math.min(FIRST_PROBES, most); ; probes = Math.min(most, probes * 2)) {
    let found = 0;
    let wanted = 0;
    for (const { query, exact } of queries) {
      await pause();
      const hits = index.nearest(matrix, query, CALIBRATION_DEPTH + 1, probes);
      found += hits.filter((hit) => exact.has(hit.row)).length;
      wanted += exact.size;
    }
    recall = wanted === 0 ? 1 : found / wanted;
    if (recall >= CALIBRATION_RECALL) {
      return { probes: Math.min(index.partitions, probes * PROBE_MARGIN), recall };
    }
    if (probes >= most) return { probes: 0, recall };
  }
}
