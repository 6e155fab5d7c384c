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
  BLOCK,
  BR_IF,
  END,
  F32_CONVERT_I32_S,
  F32_STORE,
  get,
  I32,
  I32_ADD,
  I32_GE_U,
  I32_LT_U,
  I32_SHL,
  i32,
  kernelCompiler,
  LOOP,
  type ScoresKernel,
  scoresModule,
  set,
  simd,
  tee,
  V128,
  V128_LOAD,
  V128_ZERO,
} from "./wasm-assembly";

/** Components one step of the kernel takes from a row, four steps a loop: rows must have a multiple of 64. */
export const INT8_KERNEL_LANES = 64;

const I16X8_EXTEND_LOW_S = simd(0x87);
const I16X8_EXTEND_HIGH_S = simd(0x88);
const I32X4_DOT_I16X8_S = simd(0xba);
const I32X4_ADD = simd(0xae);
const LANE = (lane: number) => simd(0x1b, lane);

// Locals: parameters 0-4, the step offset, four accumulators, the end of `out`, a row's and the query's 16 bytes.
const [MATRIX, QUERY, ROW_BYTES, COUNT, OUT, STEP, END_OUT, ROW] = [0, 1, 2, 3, 4, 5, 10, 11];
const ACCUMULATORS = [6, 7, 8, 9] as const;
const [A0, A1, A2, A3] = ACCUMULATORS;

const load = (base: number, offset: number) => [...get(base), ...get(STEP), ...I32_ADD, ...V128_LOAD(offset)];
// The query is held as 16-bit integers (twice the row's bytes): a row's 16 bytes, widened, meet
// 32 bytes of it.
const loadQuery = (offset: number) => [
  ...get(QUERY),
  ...get(STEP),
  ...get(STEP),
  ...I32_ADD,
  ...I32_ADD,
  ...V128_LOAD(offset),
];
const multiplyAdd = (accumulator: number, offset: number) => [
  ...load(MATRIX, offset),
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

const body = [
  ...get(OUT),
  ...get(COUNT),
  ...i32(2),
  ...I32_SHL,
  ...I32_ADD,
  ...set(END_OUT),
  ...BLOCK,
  ...get(OUT),
  ...get(END_OUT),
  ...I32_GE_U,
  ...BR_IF(0),
  ...LOOP, // each row
  ...ACCUMULATORS.flatMap((a) => [...V128_ZERO, ...set(a)]),
  ...i32(0),
  ...set(STEP),
  ...LOOP, // each 64 components of the row
  ...ACCUMULATORS.flatMap((a, i) => multiplyAdd(a, 16 * i)),
  ...get(STEP),
  ...i32(64),
  ...I32_ADD,
  ...tee(STEP),
  ...get(ROW_BYTES),
  ...I32_LT_U,
  ...BR_IF(0),
  ...END,
  // out[row] = the sum of the accumulators' lanes, as a float
  ...get(OUT),
  ...get(A0),
  ...get(A1),
  ...I32X4_ADD,
  ...get(A2),
  ...get(A3),
  ...I32X4_ADD,
  ...I32X4_ADD,
  ...set(A0),
  ...get(A0),
  ...LANE(0),
  ...get(A0),
  ...LANE(1),
  ...I32_ADD,
  ...get(A0),
  ...LANE(2),
  ...I32_ADD,
  ...get(A0),
  ...LANE(3),
  ...I32_ADD,
  ...F32_CONVERT_I32_S,
  ...F32_STORE,
  ...get(MATRIX),
  ...get(ROW_BYTES),
  ...I32_ADD,
  ...set(MATRIX),
  ...get(OUT),
  ...i32(4),
  ...I32_ADD,
  ...tee(OUT),
  ...get(END_OUT),
  ...I32_LT_U,
  ...BR_IF(0),
  ...END,
  ...END,
  ...END,
];

/** The kernel bound to `memory`, or null where this runtime has no WebAssembly SIMD. */
export const int8Kernel: (memory: WebAssembly.Memory) => ScoresKernel | null = kernelCompiler(
  scoresModule([1, I32, 4, V128, 1, I32, 1, V128], body),
);
