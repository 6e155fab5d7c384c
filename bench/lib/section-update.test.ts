import { expect, test } from "bun:test";
import { replaceSections } from "./section-update";

const results = [
  "# Benchmark results",
  "",
  "## A",
  "",
  "### sub",
  "old a",
  "",
  "_a.bench.ts: 1.0 s._",
  "",
  "## B",
  "old b",
  "",
  "_b.bench.ts: 2.0 s._",
  "",
  "_All benchmarks: 3 s._",
  "",
].join("\n");

test("a module run alone replaces its own section, subheadings included, and keeps the others", () => {
  const updated = replaceSections(results, [
    { file: "a.bench.ts", text: "## A\n\nnew a\n\n_a.bench.ts: 5.0 s._" },
  ]);
  expect(updated).toContain("new a");
  expect(updated).not.toContain("old a");
  expect(updated).not.toContain("### sub");
  expect(updated.split("## A").length).toBe(2);
  expect(updated).toContain("old b\n\n_b.bench.ts: 2.0 s._");
  expect(updated.indexOf("new a")).toBeLessThan(updated.indexOf("## B"));
});

test("a module with no previous section is added before the closing line", () => {
  const updated = replaceSections(results, [{ file: "c.bench.ts", text: "## C\n\n_c.bench.ts: 1.0 s._" }]);
  expect(updated).toContain("old a");
  expect(updated.indexOf("## C")).toBeGreaterThan(updated.indexOf("_b.bench.ts"));
  expect(updated.indexOf("## C")).toBeLessThan(updated.indexOf("_All benchmarks"));
});
