import { dotKernel, KERNEL_LANES, type ScoresKernel } from "./dot-kernel";
import { nearest, type Scored, topScores } from "./top-k";

const WASM_PAGE_BYTES = 65_536;

interface Kernel {
  scores: ScoresKernel;
  query: Float32Array;
  out: Float32Array;
}

/**
 * Room for `capacity` vectors of `dimensions` floats, row after row, scanned exactly for the rows
 * nearest a query. The rows live in WebAssembly memory when the SIMD kernel can scan them (the
 * runtime has SIMD and rows are a multiple of `KERNEL_LANES` long), else in a plain array scanned in
 * JavaScript. The memory is never grown: a view handed out (`vectors.subarray`) keeps its values.
 */
export class VectorMatrix {
  readonly vectors: Float32Array;
  private kernel: Kernel | null = null;

  constructor(
    readonly dimensions: number,
    readonly capacity: number,
  ) {
    const cells = capacity * dimensions;
    if (dimensions % KERNEL_LANES === 0) {
      // The rows, then the query, then one score per row.
      const bytes = (cells + dimensions + capacity) * 4;
      const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES)) });
      const scores = dotKernel(memory);
      if (scores) {
        this.vectors = new Float32Array(memory.buffer, 0, cells);
        this.kernel = {
          scores,
          query: new Float32Array(memory.buffer, cells * 4, dimensions),
          out: new Float32Array(memory.buffer, (cells + dimensions) * 4, capacity),
        };
        return;
      }
    }
    this.vectors = new Float32Array(cells);
  }

  /** True when the SIMD kernel scans these rows. */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /**
   * The `limit` of `rows` (ascending row numbers) with the largest dot product with `query`, best
   * first, ties by row: a partial scan, e.g. of an index's candidate partitions. Runs of consecutive
   * rows are scanned in one kernel call.
   */
  nearestAmong(query: Float32Array, rows: Int32Array, limit: number): Scored[] {
    const scores = this.kernel?.out ?? new Float32Array(rows.length);
    if (this.kernel) {
      const { kernel } = this;
      kernel.query.set(query);
      const rowBytes = this.dimensions * 4;
      for (let start = 0; start < rows.length; ) {
        let end = start + 1;
        while (end < rows.length && rows[end] === rows[end - 1]! + 1) end++;
        kernel.scores(
          rows[start]! * rowBytes,
          kernel.query.byteOffset,
          rowBytes,
          end - start,
          kernel.out.byteOffset + start * 4,
        );
        start = end;
      }
    } else {
      for (let i = 0; i < rows.length; i++) {
        const offset = rows[i]! * this.dimensions;
        let sum = 0;
        for (let d = 0; d < this.dimensions; d++) sum += this.vectors[offset + d]! * query[d]!;
        scores[i] = sum;
      }
    }
    return topScores(scores, rows.length, limit).map(({ row, score }) => ({ row: rows[row]!, score }));
  }

  /** The `limit` of the first `count` rows with the largest dot product with `query`, best first. */
  nearest(query: Float32Array, count: number, limit: number): Scored[] {
    const kernel = this.kernel;
    if (!kernel) return nearest(this.vectors, this.dimensions, count, query, limit);
    kernel.query.set(query);
    kernel.scores(0, kernel.query.byteOffset, this.dimensions * 4, count, kernel.out.byteOffset);
    return topScores(kernel.out, count, limit);
  }
}
