import { expect, test } from "bun:test";
import { IvfIndex } from "./ivf-index";
import { seededRandom } from "./seeded-random";
import { VectorMatrix } from "./vector-matrix";

const DIMENSIONS = 64;
const next = seededRandom(3);
const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
const unit = (values: number[]) => {
  const norm = Math.hypot(...values) || 1;
  return Float32Array.from(values, (value) => value / norm);
};
// 16 well-separated topics, rows close to theirs: what embeddings of a help center look like.
const topics = Array.from({ length: 16 }, () => Array.from({ length: DIMENSIONS }, gaussian));
const near = (topic: number) => unit(topics[topic]!.map((value) => value + 0.3 * gaussian()));

function matrixOf(count: number) {
  const matrix = new VectorMatrix(DIMENSIONS, count);
  for (let row = 0; row < count; row++) matrix.vectors.set(near(row % topics.length), row * DIMENSIONS);
  return matrix;
}

test("probing every partition finds exactly what the exact scan finds, scores included", async () => {
  const matrix = matrixOf(2_000);
  const index = await IvfIndex.build(matrix, 2_000, { partitions: 20 });
  for (let q = 0; q < 5; q++) {
    const query = near(q);
    expect(index.nearest(matrix, query, 30, index.partitions)).toEqual(matrix.nearest(query, 2_000, 30));
  }
});

test("a query's own topic is found in a few of the partitions, at the exact scan's scores", async () => {
  const matrix = matrixOf(4_000);
  const index = await IvfIndex.build(matrix, 4_000, { partitions: 64 });
  let recalled = 0;
  for (let q = 0; q < 16; q++) {
    const query = near(q);
    const exact = matrix.nearest(query, 4_000, 10);
    const found = index.nearest(matrix, query, 10, 8);
    const exactScores = new Map(matrix.nearest(query, 4_000, 4_000).map((hit) => [hit.row, hit.score]));
    for (const hit of found) expect(hit.score).toBe(exactScores.get(hit.row)!);
    recalled += found.filter((hit) => exact.some((e) => e.row === hit.row)).length;
  }
  expect(recalled / (16 * 10)).toBeGreaterThanOrEqual(0.95);
});

test("rows added after the build are found; retained rows are renumbered, dropped ones gone", async () => {
  const matrix = matrixOf(1_200);
  const index = await IvfIndex.build(matrix, 1_000, { partitions: 10 });
  const query = near(3);
  for (let row = 1_000; row < 1_200; row++)
    index.add(row, matrix.vectors.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS));
  expect(index.nearest(matrix, query, 50, index.partitions)).toEqual(matrix.nearest(query, 1_200, 50));
  // Drop the even rows; the odd ones move down to row / 2 (as a table does after deleting rows).
  index.retain(
    (row) => row % 2 === 1,
    (row) => (row - 1) / 2,
  );
  const kept = new VectorMatrix(DIMENSIONS, 600);
  for (let row = 1; row < 1_200; row += 2)
    kept.vectors.set(
      matrix.vectors.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS),
      ((row - 1) / 2) * DIMENSIONS,
    );
  expect(index.nearest(kept, query, 50, index.partitions)).toEqual(kept.nearest(query, 600, 50));
});
