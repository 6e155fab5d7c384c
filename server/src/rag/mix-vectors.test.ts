import { expect, test } from "bun:test";
import { mixVectors } from "./mix-vectors";

test("mixes the context in at the given weight and keeps unit length", () => {
  const mixed = mixVectors([1, 0, 0], [0, 1, 0], 0.5);
  expect(Math.hypot(...mixed)).toBeCloseTo(1, 10);
  expect(mixed[0]! / mixed[1]!).toBeCloseTo(2, 10);
  expect(mixed[2]).toBe(0);
});

test("without a context the vector is returned as it is", () => {
  const vector = [0.6, 0.8];
  expect(mixVectors(vector, undefined)).toBe(vector);
});
