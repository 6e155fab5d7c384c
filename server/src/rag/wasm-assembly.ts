/**
 * Just enough of the WebAssembly binary format to assemble the small SIMD kernels here in code, so
 * that no build step or binary file is needed (dot-kernel.ts, int8-kernel.ts).
 */

export const unsigned = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
export const signed = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const name = (text: string) => [...unsigned(text.length), ...new TextEncoder().encode(text)];
const section = (id: number, body: number[]) => [id, ...unsigned(body.length), ...body];

// Instructions (WebAssembly core and SIMD opcodes).
export const I32 = 0x7f;
export const V128 = 0x7b;
export const get = (local: number) => [0x20, local];
export const set = (local: number) => [0x21, local];
export const tee = (local: number) => [0x22, local];
export const i32 = (value: number) => [0x41, ...signed(value)];
export const I32_ADD = [0x6a];
export const I32_SHL = [0x74];
export const I32_LT_U = [0x49];
export const I32_GE_U = [0x4f];
export const F32_ADD = [0x92];
export const F32_CONVERT_I32_S = [0xb2];
export const F32_STORE = [0x38, 2, 0];
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const END = [0x0b];
export const BR_IF = (depth: number) => [0x0d, depth];
export const simd = (op: number, ...immediates: number[]) => [0xfd, ...unsigned(op), ...immediates];
export const V128_LOAD = (offset: number) => simd(0x00, 4, ...unsigned(offset));
export const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

/**
 * A module importing `env.memory` and exporting one function `scores` of five i32 parameters and no
 * result, with `locals` (run-length pairs: count, type) and `body` (its instructions, final `end` included).
 */
export function scoresModule(locals: number[], body: number[]): Uint8Array<ArrayBuffer> {
  const code = [locals.length / 2, ...locals, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]), // type: (i32 × 5) → ()
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 1]), // import env.memory
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(7, [1, ...name("scores"), 0x00, 0]), // export it
    ...section(10, [1, ...unsigned(code.length), ...code]),
  ]);
}

export type ScoresKernel = (
  matrix: number,
  query: number,
  rowBytes: number,
  count: number,
  out: number,
) => void;

/** Compiles `bytes` once and binds an instance to `memory`; null where the runtime lacks WebAssembly SIMD. */
export function kernelCompiler(
  bytes: Uint8Array<ArrayBuffer>,
): (memory: WebAssembly.Memory) => ScoresKernel | null {
  let compiled: WebAssembly.Module | null | undefined;
  return (memory) => {
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(bytes);
      } catch {
        compiled = null;
      }
    }
    if (!compiled) return null;
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    return instance.exports.scores as ScoresKernel;
  };
}

/** Locals both scan kernels use: parameters 0-4, the step offset, four accumulators, the end of `out`. */
export const SCAN = { MATRIX: 0, QUERY: 1, ROW_BYTES: 2, COUNT: 3, OUT: 4, STEP: 5, END_OUT: 10 } as const;
export const SCAN_ACCUMULATORS = [6, 7, 8, 9] as const;

/** How a kernel's four accumulators become the one float stored for a row. */
export interface LaneSum {
  /** Adds two accumulators lane by lane. */
  vectorAdd: number[];
  /** Takes one lane out as a scalar. */
  lane: (lane: number) => number[];
  scalarAdd: number[];
  /** Turns the scalar sum into a float (nothing when it is one). */
  toFloat: number[];
}

/**
 * The loop both scan kernels run: for each of `count` rows, the accumulators start at zero,
 * `multiplyAdd(accumulator, offset)` takes each 64 bytes of the row (16 bytes an accumulator, at
 * `offset` past the step), and the sum of their lanes is stored as a float at `out`, then the next.
 */
export function rowScanBody(
  multiplyAdd: (accumulator: number, offset: number) => number[],
  sum: LaneSum,
): number[] {
  const { MATRIX, ROW_BYTES, COUNT, OUT, STEP, END_OUT } = SCAN;
  const [A0, A1, A2, A3] = SCAN_ACCUMULATORS;
  return [
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
    ...SCAN_ACCUMULATORS.flatMap((a) => [...V128_ZERO, ...set(a)]),
    ...i32(0),
    ...set(STEP),
    ...LOOP, // each 64 bytes of the row
    ...SCAN_ACCUMULATORS.flatMap((a, i) => multiplyAdd(a, 16 * i)),
    ...get(STEP),
    ...i32(64),
    ...I32_ADD,
    ...tee(STEP),
    ...get(ROW_BYTES),
    ...I32_LT_U,
    ...BR_IF(0),
    ...END,
    // out[row] = the sum of the accumulators' lanes
    ...get(OUT),
    ...get(A0),
    ...get(A1),
    ...sum.vectorAdd,
    ...get(A2),
    ...get(A3),
    ...sum.vectorAdd,
    ...sum.vectorAdd,
    ...set(A0),
    ...get(A0),
    ...sum.lane(0),
    ...get(A0),
    ...sum.lane(1),
    ...sum.scalarAdd,
    ...get(A0),
    ...sum.lane(2),
    ...sum.scalarAdd,
    ...get(A0),
    ...sum.lane(3),
    ...sum.scalarAdd,
    ...sum.toFloat,
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
}

/** Loads 16 bytes at `base` + the step + `offset`. */
export const loadAtStep = (base: number, offset: number) => [
  ...get(base),
  ...get(SCAN.STEP),
  ...I32_ADD,
  ...V128_LOAD(offset),
];
