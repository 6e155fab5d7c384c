// Chat benchmark: server-added latency to the first delta, CPU and memory per socket against a bare
// Bun WebSocket server, and the offline answerer's quality and honesty on the FAQ corpus.

import { thresholdsFor } from "../server/src/chat/relevance";
import { HELP_TEXT, type LatencyRow, measureLatency, QUESTIONS } from "./chat-latency";
import { profileTurn } from "./chat-profile";
import { measureQuality, type QualityReport } from "./chat-quality";
import { measureSockets, type SocketRow } from "./chat-sockets";

const SOCKETS = 5000;
const PING_ROUNDS = 6;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

function latencySection(rows: LatencyRow[]): string[] {
  const ten = rows.find((row) => row.sessions === 10);
  return [
    "### Server-added time to the first delta (loopback model, zero delays)",
    "",
    "End to end: the customer's `user` frame sent until the first `delta` frame arrives (the sessions",
    "each asking questions one after another; from the second turn on, the standalone-query rewrite",
    "adds one model call). Baseline: the same stub's time to its first streamed piece, called directly",
    "through the same OpenAI SDK client settings, same concurrency, same run. Added = end to end minus",
    "baseline, percentile by percentile.",
    "",
    "| sessions | samples | end to end p50 / p99 | model direct p50 / p99 | added p50 / p99 | answered by the model |",
    "| ---: | ---: | --- | --- | --- | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.sessions} | ${row.samples} | ${ms(row.endToEnd.p50)} / ${ms(row.endToEnd.p99)} | ` +
        `${ms(row.direct.p50)} / ${ms(row.direct.p99)} | ${ms(row.added.p50)} / ${ms(row.added.p99)} | ` +
        `${Math.round(row.modelAnswered * 100)} % |`,
    ),
    "",
    ten
      ? `Targets at 10 sessions: p50 ≤ 25 ms ${mark(ten.added.p50 <= 25)}, p99 ≤ 75 ms ${mark(ten.added.p99 <= 75)}.`
      : "",
    "The rest of the answers were the honest not-found answer (the stub's bag-of-words embeddings",
    "do not always clear the relevance threshold), whose first delta comes straight after retrieval.",
  ];
}

function profileSection(rows: { stage: string; p50: number; p99: number }[], concurrency: number): string[] {
  return [
    "",
    `Where the time goes: each stage of a turn timed on its own in process, ${concurrency} at a time:`,
    "",
    "| stage | p50 | p99 |",
    "| --- | ---: | ---: |",
    ...rows.map((row) => `| ${row.stage} | ${ms(row.p50)} | ${ms(row.p99)} |`),
  ];
}

function socketSection(rows: SocketRow[]): string[] {
  const [ours, bare] = rows;
  if (!ours || !bare) return [];
  const ratio = ours.cpuMicrosPerMessage / bare.cpuMicrosPerMessage;
  const corrected = ours.idleCorrectedMicrosPerMessage / bare.idleCorrectedMicrosPerMessage;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  return [
    "",
    `### CPU per message and memory per idle socket (${SOCKETS} sockets)`,
    "",
    "Each server runs in its own subprocess; the clients run in the benchmark process. Memory: RSS and",
    "heap after a full GC, before and after opening the sockets (one chat session each for Supportal,",
    "so session state is included), divided by the sockets. CPU: the server's user + system time for",
    `${PING_ROUNDS} rounds of one \`ping\` frame per socket, divided by the frames, three times, the two servers'`,
    "windows interleaved with all sockets of both open, a full GC before each window and none inside;",
    "the median is shown. Ping frames, not questions: a question's cost is retrieval and the model.",
    "",
    "| server | RSS per idle socket | heap per idle socket | CPU per message (repeats) | median | same, idle CPU subtracted | opening all |",
    "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.server} | ${kb(row.bytesPerSocket)} | ${kb(row.heapBytesPerSocket)} | ` +
        `${row.repeats.map((value) => value.toFixed(1)).join(" / ")} µs | ` +
        `${row.cpuMicrosPerMessage.toFixed(1)} µs | ${row.idleCorrectedMicrosPerMessage.toFixed(1)} µs | ` +
        `${row.openSeconds.toFixed(1)} s |`,
    ),
    "",
    `CPU ratio Supportal / bare: ${ratio.toFixed(2)}× (${corrected.toFixed(2)}× with idle CPU subtracted); ` +
      `target ≤ 1.35× ${mark(ratio <= 1.35)}. Memory per idle socket: ${kb(ours.bytesPerSocket)}; ` +
      `target ≤ 8 KB ${mark(ours.bytesPerSocket <= 8 * 1024)}.`,
  ];
}

function qualitySection(report: QualityReport | null): string[] {
  if (!report)
    return ["", "### Offline answers", "", "Skipped: ../shared/corpus/debian-faq.pdf is not there."];
  const share = (hits: number, total: number) => `${hits}/${total} (${Math.round((hits / total) * 100)} %)`;
  const { calibration: c } = report;
  const lowestIn = Math.min(...c.inScope.filter((value) => value >= c.thresholds.answer));
  const highestOut = Math.max(...c.outOfScope);
  const faqShare = report.faq.hits / report.faq.total;
  return [
    "",
    "### Offline answers on the FAQ PDF",
    "",
    "The PDF uploaded to a real server with no API key (offline embedder and extractive answerer), each",
    "question asked over the WebSocket in a fresh session. A hit: the answer's own text (not its",
    "sources) holds a gold phrase, case and whitespace folded.",
    "",
    "| question set | result |",
    "| --- | --- |",
    `| FAQ examples (corpus), gold phrase in the answer text | ${share(report.faq.hits, report.faq.total)} — target ≥ 80 % ${mark(faqShare >= 0.8)} |`,
    `| extra in-scope questions (bench/chat-questions.ts), same check | ${share(report.extra.hits, report.extra.total)} |`,
    `| out-of-scope questions answered honestly (“I couldn't find …”) | ${share(report.outOfScope.honest, report.outOfScope.total)} — target 100 % ${mark(report.outOfScope.honest === report.outOfScope.total)} |`,
    `| … of which also named the closest passage (evidence ≥ suggest = ${report.calibration.thresholds.suggest}) | ${report.outOfScope.pointed} |`,
    `| in-scope questions refused as not found | ${report.inScopeRefused.length}${report.inScopeRefused.length ? `: ${report.inScopeRefused.map((q) => `“${q}”`).join(", ")}` : ""} |`,
    `| time to the whole answer, p50 | ${report.answerSeconds.p50.toFixed(2)} s |`,
    "",
    "#### How the honesty thresholds were chosen",
    "",
    "Evidence of a chunk = its best window's cosine similarity + w × the share of the question's content",
    "terms (stemmed, stopwords dropped) found in its heading and text; a question is answered when some",
    "retrieved chunk reaches `answer`, from the chunks reaching `keep`. Neither signal alone separates",
    "the sets (an out-of-scope question can reach 0.71 similarity; shared words such as “system” are",
    "everywhere); the sum does. Calibrated on the FAQ examples plus the extra in-scope questions",
    "against the out-of-scope ones, all in bench/chat-questions.ts or the corpus; the threshold sits",
    "in the gap between the two sets, leaving margin on both sides. Grid over w (gap = lowest in-scope",
    "evidence above the highest out-of-scope one, minus that highest):",
    "",
    "| w | highest out-of-scope evidence | in-scope questions above it | gap |",
    "| ---: | ---: | ---: | ---: |",
    ...c.grid.map(
      (row) =>
        `| ${row.coverageWeight} | ${row.ceiling.toFixed(3)} | ${row.separated}/${row.total} | ${row.gap.toFixed(3)} |`,
    ),
    "",
    `Chosen for the offline embedder (use-lite): w = ${c.thresholds.coverageWeight}, answer = ${c.thresholds.answer}, ` +
      `keep = ${c.thresholds.keep}, suggest = ${c.thresholds.suggest} (below \`answer\`, the not-found answer names the closest passage as its source). In this run the highest out-of-scope evidence was ${highestOut.toFixed(3)} ` +
      `(margin ${(c.thresholds.answer - highestOut).toFixed(3)} below the threshold) and the lowest answered ` +
      `in-scope evidence ${lowestIn.toFixed(3)} (margin ${(lowestIn - c.thresholds.answer).toFixed(3)} above it).`,
    `The OpenAI embedding thresholds (${JSON.stringify(thresholdsFor("openai:text-embedding-3-small"))}) are not calibrated here: that needs`,
    "the paid API. They are a prior set lower than use-lite's, and the model is also told to say when the",
    "sources do not hold the answer.",
    "",
    `Example — “${report.example.question}”:`,
    "",
    ...report.example.answer.split("\n").map((line) => `> ${line}`),
  ];
}

/** The chat section of bench/RESULTS.md. */
export default async function (): Promise<string> {
  const latency = await measureLatency([
    { sessions: 1, turns: 40 },
    { sessions: 10, turns: 15 },
    { sessions: 50, turns: 6 },
  ]);
  const profile = await profileTurn({
    document: HELP_TEXT,
    questions: QUESTIONS,
    concurrency: 10,
    rounds: 10,
  });
  const sockets = await measureSockets(SOCKETS, PING_ROUNDS);
  const quality = await measureQuality();
  return [
    "## Chat",
    "",
    "Shared machine with other work running: absolute times are noisy, compare each figure with the",
    "baseline measured beside it in the same run.",
    "",
    ...latencySection(latency.rows),
    ...profileSection(profile, 10),
    ...socketSection(sockets),
    ...qualitySection(quality),
    "",
  ].join("\n");
}
