// `bun bench/relevance-separation.ts`: reads the dump of bench/relevance-features.ts and prints, per
// help center, how well the chat's offline evidence (relevance.ts, as shipped) separates in-scope
// from out-of-scope questions: AUC, the share answered / refused at the chat's threshold, and the
// threshold chosen on the other help centers (best worst-corpus balanced accuracy) measured on this
// one. The check that a setting holds on documents it was not chosen on. RELEVANCE=plain measures the
// earlier offline setting instead (plain coverage weighted 1, threshold 0.97), for comparison.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evidenceOf, readQuestion, thresholdsFor } from "../server/src/chat/relevance";
import type { RankedChunk } from "../server/src/rag/search-chunks";
import type { TermStats } from "../server/src/rag/term-stats";
import { WORK_DIR } from "./lib/corpus";

interface DumpedChunk {
  doc: string;
  heading: string;
  text: string;
  sim: number;
  score: number;
  textScore: number;
}
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

function statsOf(d: Dump): TermStats {
  return { chunks: d.chunks, frequency: (term) => d.df[term] ?? 0, entries: () => Object.entries(d.df) };
}

const asRanked = (c: DumpedChunk, chunkIndex: number): RankedChunk => ({
  documentId: 1,
  documentName: c.doc,
  chunkIndex,
  heading: c.heading,
  page: 0,
  text: c.text,
  score: c.score,
  similarity: c.sim,
  textScore: c.textScore,
});

const evidence: Record<string, { inside: number[]; outside: number[] }> = {};
for (const [name, d] of Object.entries(dump)) {
  const stats = statsOf(d);
  const value = (row: Dump["rows"][number]) => {
    const read = readQuestion(row.question, stats);
    return Math.max(
      -1,
      ...row.chunks.slice(0, K).map((c, i) => evidenceOf(read, asRanked(c, i), thresholds)),
    );
  };
  evidence[name] = {
    inside: d.rows.filter((r) => r.kind === "in").map(value),
    outside: d.rows.filter((r) => r.kind === "out").map(value),
  };
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
function sharedThreshold(names: string[]): number {
  const all = names.flatMap((n) => [...evidence[n]!.inside, ...evidence[n]!.outside]).sort((a, b) => a - b);
  let best = { t: 0, worst: -1 };
  for (const t of all) {
    const worst = Math.min(...names.map((n) => balanced(evidence[n]!, t)));
    if (worst > best.worst) best = { t, worst };
  }
  return best.t;
}

const names = Object.keys(evidence);
console.log(
  "help center\tAUC\tat the chat's threshold: in answered / out refused\tthreshold chosen on the others\tits balanced accuracy here",
);
for (const name of names) {
  const e = evidence[name]!;
  const t = sharedThreshold(names.filter((n) => n !== name));
  console.log(
    [
      name,
      auc(e).toFixed(2),
      `${rate(e.inside, (v) => v >= thresholds.answer).toFixed(2)} / ${rate(e.outside, (v) => v < thresholds.answer).toFixed(2)}`,
      t.toFixed(3),
      balanced(e, t).toFixed(2),
    ].join("\t"),
  );
}
