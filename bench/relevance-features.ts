// `bun bench/relevance-features.ts`: dumps, for every question of every help center ingested by
// relevance-study.ts, what retrieval saw (top 10 chunks with their signals, the question's terms
// and the business's term frequencies) to bench/.work/relevance-features.json, for studying which
// signals separate answerable questions from the rest on all corpora at once.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dot } from "../server/src/chat/extractive-answerer";
import { searchChunks } from "../server/src/rag/search-chunks";
import { contentTerms, termSet } from "../server/src/rag/terms";
import { startTestServer } from "../server/src/testing/test-server";
import { EXTRA_IN_SCOPE, OUT_OF_SCOPE } from "./chat-questions";
import { corpusFile, WORK_DIR } from "./lib/corpus";
import { helpCenters } from "./lib/help-center";
import { holdsPhrase } from "./lib/kb-judge";
import { dumpedSignals } from "./lib/relevance-dump";
import type { RetrievalQuestion } from "./retrieval-questions";

const dataDir = join(WORK_DIR, process.env.STUDY_NAME ?? "relevance-study");
const manifest = JSON.parse(readFileSync(join(dataDir, "manifest.json"), "utf8")) as Record<string, number>;
const server = await startTestServer({ dataDir, env: { SUPPORTAL_EMBED_WORKERS: "1" } });
const deps = server.deps;

type Q = { id: string; question: string; kind: string; gold?: { doc: string; phrases: string[] } };
const sets: Record<string, Q[]> = {};
const faqExamples = corpusFile("faq-examples.json");
if (faqExamples) {
  const asked = JSON.parse(readFileSync(faqExamples, "utf8")) as RetrievalQuestion[];
  const gold = (phrases: string[]) => ({ doc: "debian-faq.pdf", phrases });
  sets["debian-faq"] = [
    ...asked.map((q) => ({ id: `faq-${q.section}`, question: q.question, kind: "in", gold: gold(q.gold) })),
    ...EXTRA_IN_SCOPE.map((q, i) => ({
      id: `chat-${i}`,
      question: q.question,
      kind: "in",
      gold: gold(q.gold),
    })),
    ...OUT_OF_SCOPE.map((question, i) => ({ id: `out-${i}`, question, kind: "out" })),
  ];
}
for (const c of helpCenters()) {
  sets[c.name] = [
    ...c.questions.inScope.map((q) => ({ ...q, kind: "in" })),
    ...c.questions.outOfScope.map((q) => ({ id: q.id, question: q.question, kind: "out" })),
    ...c.questions.otherLanguage.map((q) => ({ ...q, kind: "language" })),
  ];
}

const out: Record<string, unknown> = {};
for (const [name, questions] of Object.entries(sets)) {
  const businessId = manifest[name];
  if (!businessId) continue;
  const stats = await deps.store.termStats(businessId);
  const rows = [];
  for (const q of questions) {
    const chunks = await searchChunks(deps, { businessId, query: q.question, k: 10 });
    const [vector] = await deps.embedder.embed([q.question], { priority: "query" });
    const all = await deps.store.vectorSearch(businessId, vector!, await deps.store.countRows(businessId));
    const sims = all.map((hit) => hit.score).sort((a, b) => a - b);
    const mean = sims.reduce((s, v) => s + v, 0) / (sims.length || 1);
    const std = Math.sqrt(sims.reduce((s, v) => s + (v - mean) ** 2, 0) / (sims.length || 1));
    const at = (q: number) => sims[Math.min(sims.length - 1, Math.floor(q * sims.length))] ?? 0;
    rows.push({
      background: { mean, std, p50: at(0.5), p90: at(0.9), p99: at(0.99), n: sims.length },
      id: q.id,
      kind: q.kind,
      question: q.question,
      terms: contentTerms(q.question),
      chunks: chunks.map((c, rank) => ({
        ...dumpedSignals(c, rank),
        headingSim: c.headingVector ? dot(vector!, c.headingVector) : 0,
        headingTerms: [...termSet(c.heading)],
        terms: [...termSet(`${c.heading}\n${c.text}`)],
        gold: q.gold ? c.documentName === q.gold.doc && holdsPhrase(c.text, q.gold.phrases) : false,
      })),
    });
  }
  out[name] = { chunks: stats.chunks, df: Object.fromEntries(stats.entries()), rows };
}
await writeFile(join(WORK_DIR, "relevance-features.json"), JSON.stringify(out));
await server.stop();
