import { expect, test } from "bun:test";
import { termCoverage, termSet } from "./terms";

test("a passage is tokenised once: its term set is remembered and coverage reads it", () => {
  const passage = `Returns\nUnworn shoes can be returned within thirty days ${crypto.randomUUID()}.`;
  const first = termSet(passage);
  expect(termSet(passage)).toBe(first);
  expect([...first]).toContain("return");
  expect(termCoverage(["return", "sho", "refund"], passage)).toBeCloseTo(2 / 3, 5);
});
