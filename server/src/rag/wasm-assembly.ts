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
