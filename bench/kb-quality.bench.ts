// Answer quality per help center, offline: the Debian FAQ (../shared/corpus), zulip-help
// (../shared/corpus) and every held-out corpus in bench/corpora, each uploaded to its own business on
// one real server and measured as ../shared/conformance/kb.ts measures it (kb-measure.ts), with the
// chat's relevance signal per question printed as the calibration. KB_CORPORA=name,name picks some.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { startTestServer } from "../server/src/testing/test-server";
import { type CorpusReport, measureHelpCenter } from "./kb-measure";
import { WORK_DIR } from "./lib/corpus";
import { FAQ_HELP_CENTER, faqHelpCenter } from "./lib/faq-help-center";
import { helpCenters } from "./lib/help-center";
import { relevanceProbe } from "./lib/relevance-probe";
import { percentile, table } from "./lib/stats";

const TITLE = "Answer quality per help center (offline)";
/** The goals of issue 9, the same for every corpus. */
const GOALS = { hit5: 0.9, mrr: 0.75, correct: 0.8, honest: 0.95, wrongRefusals: 0.1 };
const QUANTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

const share = (hits: number, total: number) =>
  total ? `${hits}/${total} (${(hits / total).toFixed(2)})` : "–";
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "–");
const f3 = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "–");

function figures(report: CorpusReport) {
  const by = (kind: string) => report.rows.filter((row) => row.kind === kind);
  const inScope = by("in");
  const n = inScope.length;
  const ranks = inScope.map((row) => row.rank ?? null);
  return {
    n,
    hit1: ranks.filter((rank) => rank === 1).length / n,
    hit5: ranks.filter((rank) => rank !== null).length / n,
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / n,
    correct: inScope.filter((row) => row.correct).length,
    wrongRefusals: inScope.filter((row) => row.refused).length,
    out: by("out"),
    language: by("language"),
    handoff: by("handoff"),
  };
}

function summaryTable(reports: CorpusReport[]): string {
  const rows = reports.map((report) => {
    const f = figures(report);
    const failed = report.files.filter((file) => file.status !== "ready").length;
    const chunks = report.files.reduce((sum, file) => sum + file.chunks, 0);
    return [
      report.name,
      `${report.files.length}${failed ? ` (${failed} failed)` : ""}`,
      chunks,
      report.ingestSeconds.toFixed(1),
      f2(f.hit1),
      f2(f.hit5),
      f2(f.mrr),
      share(f.correct, f.n),
      share(f.wrongRefusals, f.n),
      share(f.out.filter((row) => row.refused).length, f.out.length),
      f.language.length
        ? `${f.language.filter((row) => row.correct).length} / ${f.language.filter((row) => row.refused).length} of ${f.language.length}`
        : "–",
      f.handoff.length
        ? `${f.handoff.filter((row) => row.handoff?.ok).length} / ${f.handoff.filter((row) => row.handoff?.quote).length} of ${f.handoff.length}`
        : "–",
    ];
  });
  return table(
    [
      "help center",
      "files",
      "chunks",
      "ingest s",
      "hit@1",
      "hit@5",
      "MRR",
      "answers correct",
      "wrongly refused",
      "honest refusal",
      "other language correct / refused",
      "handoff ok / quotes",
    ],
    rows,
  );
}

/** Share of in-scope questions at or above `t` and of out-of-scope ones below it. */
function rates(inside: number[], outside: number[], t: number) {
  const answered = inside.filter((value) => value >= t).length / (inside.length || 1);
  const refused = outside.filter((value) => value < t).length / (outside.length || 1);
  return { answered, refused, balanced: (answered + refused) / 2 };
}

/** Probability that an in-scope question scores above an out-of-scope one (ties count half). */
function auc(inside: number[], outside: number[]): number {
  let wins = 0;
  for (const a of inside) for (const b of outside) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (inside.length * outside.length || 1);
}

const candidates = (values: number[]) =>
  [...new Set(values.map((value) => Math.round(value * 1000) / 1000))].sort((a, b) => a - b);

function signals(report: CorpusReport) {
  // In-scope = the gold-phrase questions (English and other languages answer from the same text).
  const inside = report.rows.filter((row) => row.kind === "in");
  const outside = report.rows.filter((row) => row.kind === "out");
  return {
    evidence: { inside: inside.map((row) => row.evidence), outside: outside.map((row) => row.evidence) },
    similarity: {
      inside: inside.map((row) => row.similarity),
      outside: outside.map((row) => row.similarity),
    },
  };
}

function calibrationTable(reports: CorpusReport[]): string {
  const rows: (string | number)[][] = [];
  for (const report of reports) {
    const s = signals(report);
    for (const [signal, sets] of [
      ["evidence", s.evidence],
      ["similarity", s.similarity],
    ] as const)
      for (const [set, values] of [
        ["in-scope", sets.inside],
        ["out-of-scope", sets.outside],
      ] as const)
        rows.push([
          report.name,
          signal,
          set,
          values.length,
          ...QUANTILES.map((q) => f3(percentile(values, q))),
        ]);
  }
  return table(
    ["help center", "signal", "questions", "n", "min", "p10", "p25", "p50", "p75", "p90", "max"],
    rows,
  );
}

/**
 * Whether the two honesty goals can hold together on this signal, each threshold this corpus's own
 * (an oracle no shared threshold can beat): refusing at least `GOALS.honest` of the out-of-scope
 * questions, the share of in-scope ones refused too; refusing at most `GOALS.wrongRefusals` of the
 * in-scope ones, the share of out-of-scope ones refused.
 */
function goalsTogether(inside: number[], outside: number[]) {
  const ins = [...inside].sort((a, b) => a - b);
  const outs = [...outside].sort((a, b) => a - b);
  if (ins.length === 0 || outs.length === 0) return { inRefused: Number.NaN, outRefused: Number.NaN };
  // Just above the out-of-scope value that must still be refused.
  const honestAt = outs[Math.ceil(GOALS.honest * outs.length) - 1]! + 1e-9;
  const wrongAt = ins[Math.floor(GOALS.wrongRefusals * ins.length)]!;
  return {
    inRefused: ins.filter((value) => value < honestAt).length / ins.length,
    outRefused: outs.filter((value) => value < wrongAt).length / outs.length,
  };
}

function separationTable(reports: CorpusReport[]): string {
  const rows = reports.map((report) => {
    const { evidence, similarity } = signals(report);
    const now = rates(evidence.inside, evidence.outside, report.threshold);
    const best = candidates([...evidence.inside, ...evidence.outside])
      .map((t) => ({ t, ...rates(evidence.inside, evidence.outside, t) }))
      .reduce((top, entry) => (entry.balanced > top.balanced ? entry : top), {
        t: Number.NaN,
        answered: 0,
        refused: 0,
        balanced: -1,
      });
    const together = goalsTogether(evidence.inside, evidence.outside);
    return [
      report.name,
      f2(auc(evidence.inside, evidence.outside)),
      f2(auc(similarity.inside, similarity.outside)),
      `${f2(now.answered)} / ${f2(now.refused)}`,
      `${f3(best.t)}: ${f2(best.answered)} / ${f2(best.refused)}`,
      f2(together.inRefused),
      f2(together.outRefused),
    ];
  });
  return table(
    [
      "help center",
      "AUC evidence",
      "AUC similarity",
      `at the chat's threshold ${reports[0]?.threshold}: in-scope above / out-of-scope below`,
      "best threshold for this corpus alone: in above / out below",
      `refusing ≥ ${GOALS.honest} of out-of-scope: in-scope refused`,
      `refusing ≤ ${GOALS.wrongRefusals} of in-scope: out-of-scope refused`,
    ],
    rows,
  );
}

/** The one evidence threshold whose worst corpus does best (balanced accuracy), over all corpora. */
function sharedThreshold(reports: CorpusReport[]): string {
  if (reports.length < 2) return "";
  const all = reports.flatMap((report) => [
    ...signals(report).evidence.inside,
    ...signals(report).evidence.outside,
  ]);
  let best = { t: Number.NaN, worst: -1 };
  for (const t of candidates(all)) {
    const worst = Math.min(
      ...reports.map((report) => {
        const { evidence } = signals(report);
        return rates(evidence.inside, evidence.outside, t).balanced;
      }),
    );
    if (worst > best.worst) best = { t, worst };
  }
  const per = reports
    .map((report) => {
      const { evidence } = signals(report);
      const r = rates(evidence.inside, evidence.outside, best.t);
      return `${report.name} ${f2(r.answered)} / ${f2(r.refused)}`;
    })
    .join(", ");
  return (
    `One evidence threshold for every corpus, chosen for the best worst-corpus balanced accuracy: ` +
    `${f3(best.t)} (worst corpus ${f2(best.worst)}; in-scope above / out-of-scope below: ${per}).`
  );
}

function detailTable(reports: CorpusReport[]): string {
  const types = ["md", "txt", "pdf", "docx"];
  const classes = [
    "not retrieved",
    "ranked low",
    "refused with the passage in the top 5",
    "quoted another chunk",
    "quoted the wrong part of the right chunk",
    "no answer",
  ];
  const rows = reports.map((report) => {
    const inScope = report.rows.filter((row) => row.kind === "in");
    const perType = types.map((type) => {
      const rs = inScope.filter((row) => row.gold?.doc.endsWith(`.${type}`));
      return rs.length
        ? `${rs.filter((row) => row.rank !== null).length} / ${rs.filter((row) => row.correct).length} of ${rs.length}`
        : "–";
    });
    const failures = classes.map((name) => inScope.filter((row) => row.failure === name).length);
    return [report.name, ...perType, ...failures];
  });
  return table(
    [
      "help center",
      ...types.map((type) => `${type}: hit@5 / correct`),
      ...classes.map((name) => `miss: ${name}`),
    ],
    rows,
  );
}

function latencyLine(reports: CorpusReport[]): string {
  const turns = reports.flatMap((report) => report.rows.map((row) => row.turnMs));
  return `Whole answer over the WebSocket (all ${turns.length} questions, one at a time): p50 ${Math.round(percentile(turns, 0.5))} ms, p95 ${Math.round(percentile(turns, 0.95))} ms.`;
}

export default async function kbQualityBench(): Promise<string> {
  const only = (process.env.KB_CORPORA ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const faq = only.length === 0 || only.includes(FAQ_HELP_CENTER) ? faqHelpCenter() : null;
  const centers = [...(faq ? [faq] : []), ...helpCenters(only)];
  if (centers.length === 0)
    return `## ${TITLE}\n\nSkipped: no help center matched KB_CORPORA=${only.join(",")}.`;

  const dataDir = join(WORK_DIR, "kb-quality-server");
  await rm(dataDir, { recursive: true, force: true });
  const server = await startTestServer({
    dataDir,
    env: {
      // The production worker count (see env.ts); limits raised so a few hundred questions from one
      // address in a few minutes are answered, not rate-limited.
      SUPPORTAL_EMBED_WORKERS: String(Math.min(2, availableParallelism())),
      SUPPORTAL_IP_RATE_PER_MINUTE: "100000",
      SUPPORTAL_SESSION_RATE_PER_MINUTE: "100000",
      SUPPORTAL_DAILY_MESSAGE_LIMIT: "1000000",
    },
  });
  const reports: CorpusReport[] = [];
  const rowsDir = join(WORK_DIR, "kb-quality");
  await mkdir(rowsDir, { recursive: true });
  try {
    const probe = relevanceProbe(server);
    for (const center of centers) {
      const report = await measureHelpCenter(server, probe, center);
      reports.push(report);
      await writeFile(join(rowsDir, `${center.name}.json`), JSON.stringify(report, null, 1));
    }
  } finally {
    await server.stop({ removeData: true });
  }
  const missing = [
    ...(faq || (only.length && !only.includes(FAQ_HELP_CENTER)) ? [] : ["the Debian FAQ"]),
    ...(reports.some((r) => r.name === "zulip-help") || (only.length && !only.includes("zulip-help"))
      ? []
      : ["zulip-help"]),
  ];

  return [
    `## ${TITLE}`,
    "",
    "Each help center uploaded to its own business on one real server with no API key (offline",
    "embedder and extractive answerer), then measured as `../shared/conformance/kb.ts` measures it:",
    "retrieval through `POST /search` with k = 5 (a hit: a result from the gold file holding a gold",
    "phrase), and each question asked over the WebSocket in a fresh session. **Correct**: a gold phrase",
    "in the answer or a source snippet, and the answer does not open with a refusal. **Wrongly refused**:",
    "in-scope questions answered with a refusal. **Honest refusal**: out-of-scope questions answered with",
    "one. **Other language**: in-scope questions in de/fr/es, correct / refused (a refusal in the visitor's language counts too, unlike kb.ts, whose check is English only). **Handoff**: requests for",
    "a person answered with a person or a way to reach one and no document quote / answered with a",
    "quote. The corpora in `bench/corpora/` are held out (see its README); debian-faq's questions are",
    "the FAQ examples plus bench/chat-questions.ts, on which the current thresholds were chosen.",
    only.length ? `Run on KB_CORPORA=${only.join(",")} only.` : "",
    `Goals (issue 9): hit@5 ≥ ${GOALS.hit5}, MRR ≥ ${GOALS.mrr}, correct ≥ ${GOALS.correct}, honest refusal ≥ ${GOALS.honest}, wrongly refused ≤ ${GOALS.wrongRefusals}.`,
    "",
    summaryTable(reports),
    "",
    missing.length ? `Not measured: ${missing.join(" and ")} (not found in ../shared/corpus).\n` : "",
    "### Calibration: the chat's relevance signal per help center",
    "",
    "Per question, among the chunks the chat retrieves: the **evidence** the chat compares with its",
    "`answer` threshold (the strongest chunk's best window's cosine similarity + coverage weight × the",
    "rarity-weighted share of the question's terms in the chunk − the penalty for terms the business",
    "never uses, plus the lead of the closest stored sentence over the other chunks') and the best",
    "**similarity** alone. Quantiles for the in-scope questions against the out-of-scope ones; a signal",
    "that separates them puts every in-scope quantile above the out-of-scope ones.",
    "",
    calibrationTable(reports),
    "",
    "AUC: the probability that an in-scope question scores above an out-of-scope one (1 = fully",
    "separable, 0.5 = no better than chance). The last two columns ask whether the two honesty goals",
    "can hold together on this signal with each corpus's own best threshold: refusing enough",
    "out-of-scope questions, how many in-scope ones are refused too, and the other way round.",
    "",
    separationTable(reports),
    "",
    sharedThreshold(reports),
    "",
    "### By file type and why answers missed",
    "",
    "In-scope questions by the gold file's type (hit@5 / correct of n), and each wrong in-scope answer",
    "classified as kb.ts does. Per-question rows: `bench/.work/kb-quality/<help center>.json`.",
    "",
    detailTable(reports),
    "",
    latencyLine(reports),
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}
