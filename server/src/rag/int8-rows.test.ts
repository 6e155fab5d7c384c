import { expect, test } from "bun:test";
import { BackgroundIvf, type IvfReport } from "./background-ivf";
import { Int8Rows } from "./int8-rows";
import { seededRandom } from "./seeded-random";
import { VectorMatrix } from "./vector-matrix";

const DIMENSIONS = 64;
const next = seededRandom(23);
const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
/** A unit vector with no structure: every row about as far from every other. */
function scattered(): Float32Array {
  const vector = Float32Array.from({ length: DIMENSIONS }, gaussian);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function matrixOf(rows: Float32Array[]): VectorMatrix {
  const matrix = new VectorMatrix(DIMENSIONS, rows.length);
  rows.forEach((row, i) => {
    matrix.vectors.set(row, i * DIMENSIONS);
  });
  return matrix;
}

const rowsOfHits = (hits: { row: number }[]) => hits.map((hit) => hit.row);

test("the 8-bit rows' pool holds the exact scan's nearest rows, through growth and renumbering", () => {
  const rows = Array.from({ length: 2_000 }, scattered);
  const prescan = Int8Rows.create(DIMENSIONS, 100)!;
  expect(prescan).not.toBeNull();
  // Set one by one past the first capacity: the copy grows.
  rows.forEach((row, i) => {
    prescan.set(i, row);
  });
  const matrix = matrixOf(rows);
  for (let q = 0; q < 20; q++) {
    const query = scattered();
    const pool = new Set(prescan.candidates(query, rows.length, 40));
    for (const row of rowsOfHits(matrix.nearest(query, rows.length, 10))) expect(pool.has(row)).toBe(true);
  }

  // Every third row dropped: the rest are renumbered in place.
  const moved = new Int32Array(rows.length).fill(-1);
  const kept: Float32Array[] = [];
  rows.forEach((row, i) => {
    if (i % 3 !== 0) moved[i] = kept.push(row) - 1;
  });
  prescan.renumber(moved);
  const keptMatrix = matrixOf(kept);
  for (let q = 0; q < 20; q++) {
    const query = scattered();
    const pool = prescan.candidates(query, kept.length, 40);
    expect(Math.max(...pool)).toBeLessThan(kept.length);
    const inPool = new Set(pool);
    for (const row of rowsOfHits(keptMatrix.nearest(query, kept.length, 10)))
      expect(inPool.has(row)).toBe(true);
  }
});

test("rows the IVF index would miss: the 8-bit pre-scan passes the calibration and answers, with the exact scan's hits", async () => {
  const count = 3_000;
  const matrix = matrixOf(Array.from({ length: count }, scattered));
  const reports: IvfReport[] = [];
  const ivf = new BackgroundIvf(
    () => ({ matrix, count }),
    1_000,
    (report) => reports.push(report),
  );
  const query = scattered();
  // Until the build has finished, the exact scan answers (null here).
  expect(ivf.nearest(matrix, query, 10, count)).toBeNull();
  ivf.appended(0, count);
  await ivf.settled();
  expect(reports).toHaveLength(1);
  expect(reports[0]!.probes).toBe(0);
  expect(reports[0]!.prescanUsed).toBe(true);
  expect(reports[0]!.prescanRecall).toBeGreaterThanOrEqual(0.99);
  for (let q = 0; q < 20; q++) {
    const query = scattered();
    const found = ivf.nearest(matrix, query, 10, count);
    expect(found).not.toBeNull();
    const exact = matrix.nearest(query, count, 10);
    expect(rowsOfHits(found!)).toEqual(rowsOfHits(exact));
    // The pool is scored exactly: true cosines, not the 8-bit estimates.
    for (const [i, hit] of found!.entries()) expect(hit.score).toBeCloseTo(exact[i]!.score, 6);
  }
});
