import { seededRandom } from "./seeded-random";
import type { Scored } from "./top-k";
import { VectorMatrix } from "./vector-matrix";

/**
 * Partitions of about √rows: k-means over a sample of `SAMPLE_PER_PARTITION` rows each, for
 * `ITERATIONS` rounds, then every row assigned to its nearest centroid. Measured on 100k synthetic
 * rows of 512 dimensions (bench/ivf.bench.ts): ~316 partitions, built in a few seconds of CPU.
 */
const SAMPLE_PER_PARTITION = 32;
const ITERATIONS = 8;
/**
 * Rows assigned between two yields to the event loop while building: ~30 ms of CPU a thousand at 316
 * partitions, so ~8 ms a slice, short enough that a turn waiting behind one barely notices.
 */
const ROWS_PER_SLICE = 250;

export interface IvfOptions {
  partitions?: number;
  /** Seed of the sample and of the first centroids, so that a build is reproducible. */
  seed?: number;
  /** Asked at every yield; true ends the build with `BuildCancelled`. */
  cancelled?: () => boolean;
}

/** A build given up because its table was closed or evicted. */
export class BuildCancelled extends Error {}

/**
 * An inverted-file index over the rows of a `VectorMatrix` of unit vectors: rows grouped by their
 * nearest centroid; a query scans only the rows of its `probes` nearest partitions, exactly (scores
 * are the true cosines, so the chat's relevance thresholds keep their meaning), instead of every row.
 * Rows added after the build join their nearest partition.
 */
export class IvfIndex {
  private constructor(
    private centroids: VectorMatrix,
    private members: number[][],
  ) {}

  get partitions(): number {
    return this.members.length;
  }

  /** Bytes held: the centroids and one row number (a small integer in an array) per row. */
  get bytes(): number {
    let rows = 0;
    for (const members of this.members) rows += members.length;
    return this.centroids.vectors.byteLength + rows * 8;
  }

  /** Builds the index of the first `count` rows, yielding to the event loop between slices of work. */
  static async build(matrix: VectorMatrix, count: number, options: IvfOptions = {}): Promise<IvfIndex> {
    const { dimensions } = matrix;
    const partitions = Math.max(1, Math.min(count, options.partitions ?? Math.round(Math.sqrt(count))));
    const next = seededRandom(options.seed ?? 1);
    const pause = async () => {
      await yieldToEventLoop();
      if (options.cancelled?.()) throw new BuildCancelled("index build cancelled");
    };
    const sample = sampleRows(count, Math.min(count, partitions * SAMPLE_PER_PARTITION), next);
    const centroids = new VectorMatrix(dimensions, partitions);
    sample.slice(0, partitions).forEach((row, p) => {
      centroids.vectors.set(rowOf(matrix, row), p * dimensions);
    });
    const sums = new Float64Array(partitions * dimensions);
    const sizes = new Int32Array(partitions);
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      sums.fill(0);
      sizes.fill(0);
      for (let i = 0; i < sample.length; i++) {
        if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await pause();
        const vector = rowOf(matrix, sample[i]!);
        const p = centroids.nearest(vector, partitions, 1)[0]!.row;
        sizes[p]!++;
        const base = p * dimensions;
        for (let d = 0; d < dimensions; d++) sums[base + d]! += vector[d]!;
      }
      for (let p = 0; p < partitions; p++) {
        const target = centroids.vectors.subarray(p * dimensions, (p + 1) * dimensions);
        // An empty partition starts again from a sampled row.
        if (sizes[p] === 0) target.set(rowOf(matrix, sample[Math.floor(next() * sample.length)]!));
        else writeUnit(target, sums.subarray(p * dimensions, (p + 1) * dimensions));
      }
    }
    const index = new IvfIndex(
      centroids,
      Array.from({ length: partitions }, () => []),
    );
    for (let row = 0; row < count; row++) {
      if (row % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await pause();
      index.add(row, rowOf(matrix, row));
    }
    return index;
  }

  /** Files a row (its unit vector) under its nearest partition. Rows are added in ascending order. */
  add(row: number, vector: Float32Array): void {
    this.members[this.centroids.nearest(vector, this.partitions, 1)[0]!.row]!.push(row);
  }

  /** Forgets rows: `keep(row)` says which stay, `renumber(row)` where they are now. */
  retain(keep: (row: number) => boolean, renumber: (row: number) => number): void {
    this.members = this.members.map((rows) => rows.filter(keep).map(renumber));
  }

  /** The `limit` rows of `matrix` nearest the unit vector `query` among its `probes` nearest partitions. */
  nearest(matrix: VectorMatrix, query: Float32Array, limit: number, probes: number): Scored[] {
    const chosen = this.centroids.nearest(query, this.partitions, Math.min(probes, this.partitions));
    let total = 0;
    for (const { row: p } of chosen) total += this.members[p]!.length;
    const rows = new Int32Array(total);
    let at = 0;
    for (const { row: p } of chosen) {
      rows.set(this.members[p]!, at);
      at += this.members[p]!.length;
    }
    rows.sort();
    return matrix.nearestAmong(query, rows, limit);
  }
}

export const rowOf = (matrix: VectorMatrix, row: number) =>
  matrix.vectors.subarray(row * matrix.dimensions, (row + 1) * matrix.dimensions);

function writeUnit(target: Float32Array, sums: Float64Array): void {
  let norm = 0;
  for (let d = 0; d < sums.length; d++) norm += sums[d]! * sums[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < sums.length; d++) target[d] = sums[d]! * scale;
}

/** `size` distinct rows of `count`, in random order (a partial Fisher-Yates shuffle). */
function sampleRows(count: number, size: number, next: () => number): number[] {
  const rows = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (count - i));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.slice(0, size);
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
