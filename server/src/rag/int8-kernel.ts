/**
 * A WebAssembly SIMD kernel for a pre-scan over vectors held as 8-bit integers (int8-rows.ts): the
 * integer dot product of one query with every row, 16 components a step (products widened to 16
 * bits, pairs summed to 32), written as a float per row. A quarter of the float scan's bytes
 * stream through memory, which is what bounds that scan at 100k rows.
 *
 * `scores(matrix, query, rowBytes, count, out)` (byte offsets into the imported memory): for each of
 * `count` rows of `rowBytes` bytes from `matrix`, writes its dot product with the row at `query` as a
 * float to `out`, then the next. The query is held as 16-bit integers (`2 * rowBytes` bytes). `rowBytes`
 * must be a multiple of 64; a row's components and the query's must be small enough that a row's sum
 * fits 32 bits (int8-rows.ts: -127..127 and -8191..8191 over 512 components stay under 2^29).
 */
import {
  F32_CONVERT_I32_S,
  get,
  I32,
  I32_ADD,
  kernelCompiler,
  loadAtStep,
  rowScanBody,
  SCAN,
  type ScoresKernel,
  scoresModule,
  set,
  simd,
  V128,
  V128_LOAD,
} from "./wasm-assembly";

/** Components one step of the kernel takes from a row, four steps a loop: rows must have a multiple of 64. */
export const INT8_KERNEL_LANES = 64;

const I16X8_EXTEND_LOW_S = simd(0x87);
const I16X8_EXTEND_HIGH_S = simd(0x88);
const I32X4_DOT_I16X8_S = simd(0xba);
const I32X4_ADD = simd(0xae);

// A local past the shared scan's: a row's 16 bytes, read once and widened twice.
const ROW = 11;

// The query is held as 16-bit integers (twice the row's bytes): a row's 16 bytes, widened, meet
// 32 bytes of it.
const loadQuery = (offset: number) => [
  ...get(SCAN.QUERY),
  ...get(SCAN.STEP),
  ...get(SCAN.STEP),
  ...I32_ADD,
  ...I32_ADD,
  ...V128_LOAD(offset),
];
const multiplyAdd = (accumulator: number, offset: number) => [
  ...loadAtStep(SCAN.MATRIX, offset),
  ...set(ROW),
  ...get(accumulator),
  ...get(ROW),
  ...I16X8_EXTEND_LOW_S,
  ...loadQuery(2 * offset),
  ...I32X4_DOT_I16X8_S,
  ...get(ROW),
  ...I16X8_EXTEND_HIGH_S,
  ...loadQuery(2 * offset + 16),
  ...I32X4_DOT_I16X8_S,
  ...I32X4_ADD,
  ...I32X4_ADD,
  ...set(accumulator),
];

// The lanes summed as integers, then the sum turned into a float.
const body = rowScanBody(multiplyAdd, {
  vectorAdd: I32X4_ADD,
  lane: (lane) => simd(0x1b, lane),
  scalarAdd: I32_ADD,
  toFloat: F32_CONVERT_I32_S,
});

/** The kernel bound to `memory`, or null where this runtime has no WebAssembly SIMD. */
export const int8Kernel: (memory: WebAssembly.Memory) => ScoresKernel | null = kernelCompiler(
  scoresModule([1, I32, 4, V128, 1, I32, 1, V128], body),
);
