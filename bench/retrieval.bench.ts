// Retrieval quality through POST /api/businesses/:id/search on the Debian FAQ, one column per mode,
// judged as ../shared/conformance/retrieval.ts judges it: a hit is a result among the top K whose
// text contains one of the question's gold phrases (case and whitespace folded).
import { readFile } from "node:fs/promises";
import { apiClient, readBody } from "../server/src/testing/api-client";
import { SearchAnswer } from "../shared/src/index";
import { EXTRA_IN_SCOPE } from "./chat-questions";
import { corpusFile, skipped } from "./lib/corpus";
import { faqServer } from "./lib/faq-server";
import { median, ms, percentile, table } from "./lib/stats";
import { HELD_OUT, type RetrievalQuestion } from "./retrieval-questions";

const TITLE = "Retrieval quality: full-text, vectors, hybrid";
const K = 5;
const MODES = ["text", "vector", "hybrid"] as const;
type Mode = (typeof MODES)[number];

const fold = (text: string) => text.replace(/\s+/g, " ").toLowerCase();

interface Score {
  hit1: number;
  hitK: number;
  mrr: number;
  misses: string[];
  latencies: number[];
}

export default async function retrievalBench(): Promise<string> {
  const pdfPath = corpusFile("debian-faq.pdf");
  const examplesPath = corpusFile("faq-examples.json");
  if (!pdfPath || !examplesPath) return skipped(TITLE, "debian-faq.pdf or faq-examples.json");
  const examples = JSON.parse(await readFile(examplesPath, "utf8")) as RetrievalQuestion[];
  const sets: [string, RetrievalQuestion[]][] = [
    ["faq-examples.json", examples],
    ["held-out (bench/retrieval-questions.ts)", HELD_OUT],
    [
      "chat calibration (bench/chat-questions.ts)",
      EXTRA_IN_SCOPE.map((q, i) => ({ ...q, section: `chat-${i + 1}` })),
    ],
  ];

  const faq = await faqServer(pdfPath);
  const client = apiClient(faq.server.url, faq.business.apiKey);
  const search = async (query: string, mode: Mode) => {
    const t0 = performance.now();
    const response = await client.call("POST", `/api/businesses/${faq.business.id}/search`, {
      query,
      k: K,
      mode,
    });
    const latency = performance.now() - t0;
    if (response.status !== 200) throw new Error(`search: HTTP ${response.status} ${await response.text()}`);
    const body = await readBody(response, SearchAnswer);
    return { texts: body.results.map((r) => r.text), latency };
  };

  const rows: string[][] = [];
  const missLines: string[] = [];
  const hybridLatencies: number[] = [];
  for (const [name, questions] of sets) {
    const scores = new Map<Mode, Score>();
    for (const mode of MODES) {
      const score: Score = { hit1: 0, hitK: 0, mrr: 0, misses: [], latencies: [] };
      for (const q of questions) {
        const { texts, latency } = await search(q.question, mode);
        score.latencies.push(latency);
        const rank = texts.slice(0, K).findIndex((text) => q.gold.some((g) => fold(text).includes(fold(g))));
        if (rank === 0) score.hit1++;
        if (rank >= 0) {
          score.hitK++;
          score.mrr += 1 / (rank + 1);
        } else score.misses.push(q.section);
      }
      scores.set(mode, score);
      if (mode === "hybrid") hybridLatencies.push(...score.latencies);
    }
    const n = questions.length;
    const cell = (mode: Mode, pick: (s: Score) => number) => {
      const value = (pick(scores.get(mode)!) / n).toFixed(2);
      return mode === "hybrid" ? `**${value}**` : value;
    };
    for (const [metric, pick] of [
      ["hit@1", (s: Score) => s.hit1],
      [`hit@${K}`, (s: Score) => s.hitK],
      ["MRR", (s: Score) => s.mrr],
    ] as const) {
      rows.push([`${name} (${n})`, metric, ...MODES.map((mode) => cell(mode, pick))]);
    }
    missLines.push(
      `- ${name}: misses (not in top ${K}) ` +
        MODES.map((mode) => `${mode}: ${scores.get(mode)!.misses.join(" ") || "none"}`).join("; "),
    );
  }

  return [
    `## ${TITLE}`,
    "",
    `The FAQ PDF as ingested in the ingestion benchmark (offline providers); each question asked with ` +
      `\`k: ${K}\` and \`mode\` set. Targets for hybrid on faq-examples.json: hit@5 ≥ 0.90, MRR ≥ 0.75.`,
    "",
    table(["question set", "metric", ...MODES.map((mode) => (mode === "text" ? "full-text" : mode))], rows),
    "",
    ...missLines,
    "",
    `Hybrid search over HTTP, query embedding included: p50 ${ms(median(hybridLatencies))} ms, ` +
      `p95 ${ms(percentile(hybridLatencies, 0.95))} ms (${hybridLatencies.length} queries).`,
  ].join("\n");
}
