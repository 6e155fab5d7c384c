import { expect, test } from "bun:test";
import { splitSentences } from "../rag/chunk-sentences";
import { stripMarkdownInline } from "./markdown-inline";

// Openers without closers once made every later character rescan the paragraph: an upload of a few
// hundred KB froze the server for seconds. Quadrupling such input must about quadruple the work
// (linear), not multiply it by sixteen (quadratic). A ratio, so the machine's speed does not matter.
function growth(run: (text: string) => unknown, unit: string): number {
  // The fastest of a few runs: a collection or another process only ever makes a run slower.
  const cost = (n: number) => {
    const text = unit.repeat(n);
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 4; i++) {
      Bun.gc(true);
      const started = performance.now();
      run(text);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  cost(2_000);
  return cost(40_000) / cost(10_000);
}

test("hostile Markdown and sentence boundaries are processed in linear time", () => {
  for (const unit of ["**a ", "<!--a ", "*a ", "~~a ", "[a ", "![a "]) {
    expect({ unit, slow: growth(stripMarkdownInline, unit) > 10 }).toEqual({ unit, slow: false });
  }
  expect(growth(splitSentences, "x. y ") > 10).toBe(false);
});
