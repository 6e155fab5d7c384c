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
  cost(1_000);
  return cost(20_000) / cost(5_000);
}

test("hostile Markdown and sentence boundaries are processed in linear time", () => {
  // Every kind of unclosed opener at once, so each measurement is long enough to be steady.
  expect(growth(stripMarkdownInline, "**a <!--a *a ~~a [a ![a ")).toBeLessThan(10);
  expect(growth(splitSentences, "x. y ".repeat(8))).toBeLessThan(10);
});
