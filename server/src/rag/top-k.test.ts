import { expect, test } from "bun:test";
import { nearest } from "./top-k";

test("nearest keeps the best rows of a full scan, best first, whatever the row order", () => {
  const dimensions = 13; // not a multiple of four: the unrolled loop's tail counts too
  const count = 500;
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const matrix = Float32Array.from({ length: count * dimensions }, next);
  const query = Float32Array.from({ length: dimensions }, next);
  const exact = Array.from({ length: count }, (_, row) => {
    let score = 0;
    for (let i = 0; i < dimensions; i++) score += matrix[row * dimensions + i]! * query[i]!;
    return { row, score };
  }).sort((a, b) => b.score - a.score);
  for (const limit of [1, 10, 100, 600]) {
    const found = nearest(matrix, dimensions, count, query, limit);
    expect(found.map((hit) => hit.row)).toEqual(exact.slice(0, limit).map((hit) => hit.row));
    found.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(exact[i]!.score, 5);
    });
  }
  expect(nearest(matrix, dimensions, 0, query, 5)).toEqual([]);
});
