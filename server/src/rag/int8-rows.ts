import { INT8_KERNEL_LANES, int8Kernel } from "./int8-kernel";
import { topScores } from "./top-k";
import type { ScoresKernel } from "./wasm-assembly";

const WASM_PAGE_BYTES = 65_536;
/** A row's components become -127..127, each row scaled by its own largest (so no row loses its precision to another's). */
const ROW_LEVELS = 127;
/** The query is held at 16 bits: finer than the rows, its share of the error is negligible, and 512 products stay under 2^29. */
const QUERY_LEVELS = 8_191;

/**
 * A copy of a matrix's unit vectors as 8-bit integers (a quarter of the bytes) and a SIMD kernel that
 * scores every row against a query from them: the approximate dot products a pre-scan needs to pick
 * the few rows worth scoring exactly. Rows are set one by one and may be renumbered; capacity grows.
 */
export class Int8Rows {
  private memory: WebAssembly.Memory;
  private kernel: ScoresKernel;
  private rows: Int8Array;
  private query: Int16Array;
  private out: Float32Array;
  /** What a row's integers are multiplied by to give back its components. */
  private scales: Float32Array;

  private constructor(
    readonly dimensions: number,
    private capacity: number,
    kernel: (memory: WebAssembly.Memory) => ScoresKernel | null,
  ) {
    // The rows, then the query (16-bit), then one score per row.
    const bytes = capacity * dimensions + 2 * dimensions + 4 * capacity;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / WASM_PAGE_BYTES) });
    this.kernel = kernel(this.memory)!;
    this.rows = new Int8Array(this.memory.buffer, 0, capacity * dimensions);
    this.query = new Int16Array(this.memory.buffer, capacity * dimensions, dimensions);
    this.out = new Float32Array(this.memory.buffer, capacity * dimensions + 2 * dimensions, capacity);
    this.scales = new Float32Array(capacity);
  }

  /** Room for `capacity` rows, or null where the kernel cannot run (no SIMD, or rows not a multiple of 64 long). */
  static create(dimensions: number, capacity: number): Int8Rows | null {
    if (dimensions % INT8_KERNEL_LANES !== 0) return null;
    const probe = new WebAssembly.Memory({ initial: 1 });
    if (!int8Kernel(probe)) return null;
    return new Int8Rows(dimensions, Math.max(1, capacity), int8Kernel);
  }

  get bytes(): number {
    return this.memory.buffer.byteLength + this.scales.byteLength;
  }

  /** Stores `vector` (unit length or not: each row has its own scale) as row `row`. */
  set(row: number, vector: ArrayLike<number>): void {
    if (row >= this.capacity) this.grow(Math.max(row + 1, this.capacity * 2));
    const { dimensions } = this;
    let largest = 0;
    for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(vector[d]!));
    const scale = largest > 0 ? largest / ROW_LEVELS : 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++)
      this.rows[offset + d] = scale > 0 ? Math.round(vector[d]! / scale) : 0;
    this.scales[row] = scale;
  }

  /** Rows dropped: `moved[old]` is a row's new number (never above the old), -1 when it is gone. */
  renumber(moved: Int32Array): void {
    const { dimensions } = this;
    for (let row = 0; row < moved.length && row < this.capacity; row++) {
      const to = moved[row]!;
      if (to < 0 || to === row) continue;
      this.rows.copyWithin(to * dimensions, row * dimensions, (row + 1) * dimensions);
      this.scales[to] = this.scales[row]!;
    }
  }

  /**
   * The `pool` of the first `count` rows with the largest approximate dot product with `query`, in
   * ascending row order (for an exact scan of just those).
   */
  candidates(query: Float32Array, count: number, pool: number): Int32Array {
    const { dimensions } = this;
    let largest = 0;
    for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(query[d]!));
    const scale = largest > 0 ? QUERY_LEVELS / largest : 0;
    for (let d = 0; d < dimensions; d++) this.query[d] = Math.round(query[d]! * scale);
    const rows = Math.min(count, this.capacity);
    this.kernel(0, this.query.byteOffset, dimensions, rows, this.out.byteOffset);
    for (let row = 0; row < rows; row++) this.out[row]! *= this.scales[row]!;
    const best = topScores(this.out, rows, pool);
    return Int32Array.from(best, (hit) => hit.row).sort();
  }

  private grow(capacity: number): void {
    const grown = new Int8Rows(this.dimensions, capacity, int8Kernel);
    grown.rows.set(this.rows);
    grown.scales.set(this.scales);
    Object.assign(this, {
      memory: grown.memory,
      kernel: grown.kernel,
      rows: grown.rows,
      query: grown.query,
      out: grown.out,
      scales: grown.scales,
      capacity,
    });
  }
}
