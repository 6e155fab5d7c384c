import { expect, test } from "bun:test";
import { contentTerms, termCoverage, termSet } from "./terms";

test("a passage is tokenised once: its term set is remembered and coverage reads it", () => {
  const passage = `Returns\nUnworn shoes can be returned within thirty days ${crypto.randomUUID()}.`;
  const first = termSet(passage);
  expect(termSet(passage)).toBe(first);
  expect([...first]).toContain("return");
  expect(termCoverage(contentTerms("return shoes refund"), passage)).toBeCloseTo(2 / 3, 5);
});

test("a heading and its text looked up apart cover what the two joined by a newline cover", () => {
  const heading = "Returns and refunds";
  const text = "Unworn shoes can be returned within thirty days; refunds take a week.";
  for (const terms of ["return refund", "shoes week parcel", "parcel", ""].map(contentTerms)) {
    expect(termCoverage(terms, heading, text)).toBe(termCoverage(terms, `${heading}\n${text}`));
  }
  // The heading's words count although the text lacks them, and the other way round.
  expect(termCoverage(contentTerms("refund thirty"), "Refunds", "Within thirty days.")).toBe(1);
});

test("a customer's plural or past tense meets the documents' word, and typed contractions carry no topic", () => {
  for (const [asked, written] of [
    ["sizes", "size"],
    ["fits", "fit"],
    ["generated", "generate"],
    ["phones", "phone"],
  ] as const)
    expect(contentTerms(asked)).toEqual(contentTerms(written));
  expect(contentTerms("why isnt it working, theres nothing pls")).toEqual(
    contentTerms("why it working nothing"),
  );
});
