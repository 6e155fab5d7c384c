import { expect, test } from "bun:test";
import { splitSentences } from "../rag/chunk-sentences";
import { stripMarkdownInline } from "./markdown-inline";

// Openers without closers once made every later character rescan the paragraph: an upload of a few
// hundred KB froze the server for seconds. Quadrupling such input must about quadruple the work
// (linear), not multiply it by sixteen (quadratic). A ratio, so the machine's speed does not matter.
function growth(run: (text: string) => unknown, unit: string): number {
  const time = (text: string) => {
    Bun.gc(true);
    const started = performance.now();
    run(text);
    return performance.now() - started;
  };
  const small = unit.repeat(5_000);
  const large = unit.repeat(20_000);
  time(unit.repeat(1_000));
  // The fastest of several runs of each, taken in turns so a busy spell on a shared machine slows
  // both sizes alike: a collection or another process only ever makes a run slower (a heavily
  // loaded machine once read a ratio over 10 from four runs of each taken one size after the other).
  let bestSmall = Number.POSITIVE_INFINITY;
  let bestLarge = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 8; i++) {
    bestSmall = Math.min(bestSmall, time(small));
    bestLarge = Math.min(bestLarge, time(large));
  }
  return bestLarge / bestSmall;
}

test("hostile Markdown and sentence boundaries are processed in linear time", () => {
  // Every kind of unclosed opener at once, so each measurement is long enough to be steady.
  expect(growth(stripMarkdownInline, "**a <!--a *a ~~a [a ![a ")).toBeLessThan(10);
  expect(growth(splitSentences, "x. y ".repeat(8))).toBeLessThan(10);
});
