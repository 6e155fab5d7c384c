// `bun bench/low-evidence.ts [name ...]`: where the offline `lowEvidence` cut-off (answers given but
// counted as possible knowledge gaps, and put in the review queue) should sit. Over every help center
// at once (bench/lib/study-server.ts), each question the assistant answers is either a good answer (in
// scope, judged correct as kb.ts judges) or a bad one (in scope but wrong, or out of scope and answered
// anyway). A cut-off should flag the bad ones and leave the good ones: per corpus and cut-off, the
// share of bad answers flagged, of good answers flagged, and their balanced accuracy; the cut-off
// whose worst corpus does best is printed last.
import { isRefusal, judgeAnswer } from "./lib/kb-judge";
import { startStudy } from "./lib/study-server";

/** From `answer` (0.65 offline: nothing flagged) up. */
const CUTOFFS = [0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.1];

const { server, centers, manifest, thresholds, plan, reply } = await startStudy(process.argv.slice(2));

/** The cut-offs that flag one answered question (its evidence is below them), or null: not answered. */
async function flags(id: number, name: string, question: string): Promise<boolean[] | null> {
  const out: boolean[] = [];
  for (const lowEvidence of CUTOFFS) {
    const planned = await plan(id, name, question, { lowEvidence });
    if (planned.kind !== "answer") return null;
    out.push(planned.lowEvidence);
  }
  return out;
}

const table: { corpus: string; good: number; bad: number; goodFlagged: number[]; badFlagged: number[] }[] =
  [];
for (const center of centers) {
  const id = manifest[center.name]!;
  const name = center.questions.business ?? center.name;
  const row = {
    corpus: center.name,
    good: 0,
    bad: 0,
    goodFlagged: CUTOFFS.map(() => 0),
    badFlagged: CUTOFFS.map(() => 0),
  };
  const count = (good: boolean, flagged: boolean[]) => {
    if (good) row.good++;
    else row.bad++;
    flagged.forEach((f, i) => {
      if (f) (good ? row.goodFlagged : row.badFlagged)[i]!++;
    });
  };
  for (const q of center.questions.inScope) {
    const flagged = await flags(id, name, q.question);
    if (!flagged) continue;
    const answer = await reply(id, name, q.question);
    const judged = judgeAnswer(answer.message, answer.sources, q.gold);
    if (judged.refused) continue;
    count(judged.correct, flagged);
  }
  for (const q of center.questions.outOfScope) {
    const flagged = await flags(id, name, q.question);
    if (!flagged) continue;
    const answer = await reply(id, name, q.question);
    if (!isRefusal(answer.message)) count(false, flagged);
  }
  table.push(row);
}

const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
const balanced = (r: (typeof table)[number], i: number) =>
  (rate(r.badFlagged[i]!, r.bad) + (1 - rate(r.goodFlagged[i]!, r.good))) / 2;

console.log(`offline thresholds: answer ${thresholds.answer}, shipped lowEvidence ${thresholds.lowEvidence}`);
console.log(
  `corpus\tgood answers\tbad answers\t${CUTOFFS.map((c) => `cut ${c}: bad flagged / good flagged / balanced`).join("\t")}`,
);
for (const r of table)
  console.log(
    [
      r.corpus,
      r.good,
      r.bad,
      ...CUTOFFS.map(
        (_, i) =>
          `${r.badFlagged[i]}/${r.bad} / ${r.goodFlagged[i]}/${r.good} / ${balanced(r, i).toFixed(2)}`,
      ),
    ].join("\t"),
  );
const worst = CUTOFFS.map((_, i) => Math.min(...table.map((r) => balanced(r, i))));
const mean = CUTOFFS.map((_, i) => table.reduce((sum, r) => sum + balanced(r, i), 0) / table.length);
console.log(`worst corpus\t\t\t${worst.map((w) => w.toFixed(2)).join("\t")}`);
console.log(`mean\t\t\t${mean.map((m) => m.toFixed(2)).join("\t")}`);
const best = worst.indexOf(Math.max(...worst));
console.log(`best worst-corpus balanced accuracy: cut-off ${CUTOFFS[best]} (${worst[best]!.toFixed(2)})`);
await server.stop();
