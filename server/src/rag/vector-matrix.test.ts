import { expect, test } from "bun:test";
import { nearest } from "./top-k";
import { VectorMatrix } from "./vector-matrix";

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
}

function filled(dimensions: number, count: number, next: () => number) {
  const matrix = new VectorMatrix(dimensions, count);
  for (let i = 0; i < count * dimensions; i++) matrix.vectors[i] = next();
  return matrix;
}

test("rows of a multiple of 16 floats are scanned by the SIMD kernel, with the scalar scan's answer", () => {
  for (const dimensions of [16, 48, 512]) {
    const next = random(dimensions);
    const count = 700;
    const matrix = filled(dimensions, count, next);
    expect(matrix.simd).toBe(true);
    const query = Float32Array.from({ length: dimensions }, next);
    for (const limit of [1, 10, 150, 800]) {
      const found = matrix.nearest(query, count, limit);
      const exact = nearest(matrix.vectors, dimensions, count, query, limit);
      expect(found.map((hit) => hit.row)).toEqual(exact.map((hit) => hit.row));
      found.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(exact[i]!.score, 4);
      });
    }
    // Only the first `count` rows take part.
    expect(
      matrix
        .nearest(query, 3, 10)
        .map((hit) => hit.row)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(matrix.nearest(query, 0, 10)).toEqual([]);
  }
});

test("other row lengths fall back to the scalar scan", () => {
  const next = random(3);
  const matrix = filled(13, 50, next);
  expect(matrix.simd).toBe(false);
  const query = Float32Array.from({ length: 13 }, next);
  expect(matrix.nearest(query, 50, 5)).toEqual(nearest(matrix.vectors, 13, 50, query, 5));
});

test("a view of a row keeps its values when a bigger matrix takes the rows over", () => {
  const matrix = filled(16, 4, random(9));
  const view = matrix.vectors.subarray(16, 32);
  const before = Array.from(view);
  const grown = new VectorMatrix(16, 8);
  grown.vectors.set(matrix.vectors);
  grown.vectors.fill(0);
  expect(Array.from(view)).toEqual(before);
});
