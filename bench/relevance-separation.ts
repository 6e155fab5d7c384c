// `bun bench/relevance-separation.ts`: reads the dump of bench/relevance-features.ts and prints, per
// help center, how well the chat's offline evidence (relevance.ts, as shipped) separates in-scope
// from out-of-scope questions: AUC, the share answered / refused at the chat's threshold, and the
// threshold chosen on the other help centers (best worst-corpus balanced accuracy) measured on this
// one. The check that a setting holds on documents it was not chosen on. RELEVANCE=plain measures the
// earlier offline setting instead (plain coverage weighted 1, threshold 0.97), for comparison.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  evidenceOf,
  type RelevanceThresholds,
  readQuestion,
  thresholdsFor,
} from "../server/src/chat/relevance";
import { WORK_DIR } from "./lib/corpus";
import { asRanked, type DumpedChunkSignals, statsOf } from "./lib/relevance-dump";

type DumpedChunk = DumpedChunkSignals;
interface Dump {
  chunks: number;
  df: Record<string, number>;
  rows: { kind: string; question: string; chunks: DumpedChunk[] }[];
}

const K = 5;
const dump = JSON.parse(readFileSync(join(WORK_DIR, "relevance-features.json"), "utf8")) as Record<
  string,
  Dump
>;
const thresholds =
  process.env.RELEVANCE === "plain"
    ? { answer: 0.97, keep: 0.85, suggest: 0.7, coverageWeight: 1, weighTerms: false, foreignTermPenalty: 0 }
    : thresholdsFor("use-lite-512");

type Weights = Pick<RelevanceThresholds, "coverageWeight" | "weighTerms" | "foreignTermPenalty">;
type Split = { inside: number[]; outside: number[] };

/** Per help center, each question's strongest evidence among its first K chunks under these weights. */
function evidenceUnder(weights: Weights): Record<string, Split> {
  const result: Record<string, Split> = {};
  for (const [name, d] of Object.entries(dump)) {
    const stats = statsOf(d);
    const value = (row: Dump["rows"][number]) => {
      const read = readQuestion(row.question, stats);
      return Math.max(-1, ...row.chunks.slice(0, K).map((c, i) => evidenceOf(read, asRanked(c, i), weights)));
    };
    result[name] = {
      inside: d.rows.filter((r) => r.kind === "in").map(value),
      outside: d.rows.filter((r) => r.kind === "out").map(value),
    };
  }
  return result;
}

const rate = (values: number[], pass: (v: number) => boolean) =>
  values.filter(pass).length / (values.length || 1);
const balanced = (e: { inside: number[]; outside: number[] }, t: number) =>
  (rate(e.inside, (v) => v >= t) + rate(e.outside, (v) => v < t)) / 2;
function auc(e: { inside: number[]; outside: number[] }): number {
  let wins = 0;
  for (const a of e.inside) for (const b of e.outside) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (e.inside.length * e.outside.length || 1);
}
/** The one threshold with the best worst-help-center balanced accuracy over these help centers. */
function sharedThreshold(evidence: Record<string, Split>, names: string[]): { t: number; worst: number } {
  const all = names.flatMap((n) => [...evidence[n]!.inside, ...evidence[n]!.outside]).sort((a, b) => a - b);
  let best = { t: 0, worst: -1 };
  for (const t of all) {
    const worst = Math.min(...names.map((n) => balanced(evidence[n]!, t)));
    if (worst > best.worst) best = { t, worst };
  }
  return best;
}

const evidence = evidenceUnder(thresholds);
const names = Object.keys(evidence);
/** Help centers kept out of every choice (written to check the choice on documents it was not made on). */
const HELD_OUT = new Set(["router-manual"]);
const tuned = names.filter((n) => !HELD_OUT.has(n));
console.log(
  "help center\tAUC\tat the chat's threshold: in answered / out refused\tthreshold chosen on the others\tits balanced accuracy here",
);
for (const name of names) {
  const e = evidence[name]!;
  const t = sharedThreshold(
    evidence,
    tuned.filter((n) => n !== name),
  ).t;
  console.log(
    [
      name,
      `${auc(e).toFixed(2)}${HELD_OUT.has(name) ? " (held out)" : ""}`,
      `${rate(e.inside, (v) => v >= thresholds.answer).toFixed(2)} / ${rate(e.outside, (v) => v < thresholds.answer).toFixed(2)}`,
      t.toFixed(3),
      balanced(e, t).toFixed(2),
    ].join("\t"),
  );
}

// The weights too, chosen on all but one help center (with their threshold) and measured on it: the
// worst of these is what a new business can expect. Then the pick over every tuned help center.
const GRID: Weights[] = [0.3, 0.4, 0.5, 0.6, 0.8, 1].flatMap((coverageWeight) =>
  [0, 0.1, 0.2, 0.3, 0.4].map((foreignTermPenalty) => ({
    coverageWeight,
    weighTerms: true,
    foreignTermPenalty,
  })),
);
const gridEvidence = GRID.map((weights) => ({ weights, evidence: evidenceUnder(weights) }));
function pick(on: string[]) {
  return gridEvidence
    .map((g) => ({ ...g, ...sharedThreshold(g.evidence, on) }))
    .reduce((a, b) => (b.worst > a.worst ? b : a));
}
console.log(
  "\nheld help center\tweights and threshold chosen on the others\tbalanced accuracy here\tAUC here",
);
const heldScores: number[] = [];
for (const name of names) {
  const chosen = pick(tuned.filter((n) => n !== name));
  const here = balanced(chosen.evidence[name]!, chosen.t);
  if (!HELD_OUT.has(name)) heldScores.push(here);
  console.log(
    [
      `${name}${HELD_OUT.has(name) ? " (held out)" : ""}`,
      `coverage ${chosen.weights.coverageWeight}, foreign ${chosen.weights.foreignTermPenalty}, answer ${chosen.t.toFixed(3)}`,
      here.toFixed(2),
      auc(chosen.evidence[name]!).toFixed(2),
    ].join("\t"),
  );
}
const all = pick(tuned);
console.log(
  `leave-one-out worst balanced accuracy ${Math.min(...heldScores).toFixed(2)}; on all tuned help centers: coverage ${all.weights.coverageWeight}, foreign ${all.weights.foreignTermPenalty}, answer ${all.t.toFixed(3)} (worst ${all.worst.toFixed(2)})`,
);
