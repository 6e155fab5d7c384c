// `bun bench/relevance-refusal-dump.ts`: for every in-scope and out-of-scope question of every help
// center ingested by relevance-study.ts, what the offline answer/refuse decision reads (the first topK
// chunks as planReply gets them, the first chunks' closest stored sentences) next to what the customer
// got (judged as relevance-study.ts judges, with the passages quoted), all with the shipped thresholds
// but the action/object rule (`rareUnpairedObject`), which the rules script measures among the
// others. For an answered question, also
// the closest stored sentence of the best-evidence chunk to the question with each of its content
// terms left out (one embedding per term). Written to bench/.work/relevance-refusal-dump.json for
// bench/relevance-refusal-rules.ts.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { evidenceOf, judgeRelevance, readQuestion, SENTENCE_LEAD_CHUNKS } from "../server/src/chat/relevance";
import { searchChunks } from "../server/src/rag/search-chunks";
import { contentWords, stem } from "../server/src/rag/terms";
import { WORK_DIR } from "./lib/corpus";
import { isRefusal, judgeAnswer } from "./lib/kb-judge";
import { dumpedSignals } from "./lib/relevance-dump";
import { startStudy } from "./lib/study-server";

const { server, centers, manifest, reply, thresholds } = await startStudy(process.argv.slice(2));
const deps = server.deps;
// The decision the rules are measured against: the shipped one without the rule that came of them.
const before = { ...thresholds, rareUnpairedObject: undefined };
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'_-]*[\p{L}\p{N}])?/gu;

/** The question with every typed word of the stemmed term taken out. */
const without = (question: string, term: string) =>
  question
    .replace(WORD, (word) => (contentWords(word).some((w) => stem(w) === term) ? "" : word))
    .replace(/\s+/g, " ")
    .trim();

const out: Record<string, unknown> = {};
for (const center of centers) {
  const businessId = manifest[center.name]!;
  const name = center.questions.business ?? center.name;
  const stats = await deps.store.termStats(businessId);
  const questions = [
    ...center.questions.inScope.map((q) => ({ id: q.id, question: q.question, gold: q.gold })),
    ...center.questions.outOfScope.map((q) => ({ id: q.id, question: q.question, gold: null })),
  ];
  const rows = [];
  for (const q of questions) {
    const chunks = await searchChunks(deps, { businessId, query: q.question, k: deps.config.topK });
    const [vector] = await deps.embedder.embed([q.question], { priority: "query" });
    const first = chunks.slice(0, SENTENCE_LEAD_CHUNKS);
    const sentences =
      deps.bestSentences && first.length >= 2 ? await deps.bestSentences(vector!, first) : null;
    const answer = await reply(businessId, name, q.question, before);
    const judged = q.gold
      ? judgeAnswer(answer.message, answer.sources, q.gold)
      : { refused: isRefusal(answer.message), phraseIn: false, correct: false };
    // Left out one at a time: how close the best-evidence chunk's closest sentence comes without it.
    const judgedRelevance = judgeRelevance(q.question, chunks, before, stats, sentences);
    const read = readQuestion(q.question, stats);
    // The chunk with the most evidence (`relevant` keeps the search's order).
    const best = judgedRelevance.relevant.length
      ? chunks.reduce((a, c) => (evidenceOf(read, c, before) > evidenceOf(read, a, before) ? c : a))
      : undefined;
    let ablation: { term: string; sentence: number | null }[] | null = null;
    let bestSentence: number | null = null;
    if (best && deps.bestSentences) {
      bestSentence = (await deps.bestSentences(vector!, [best]))?.[0] ?? null;
      ablation = [];
      for (const term of read.weighted.terms) {
        const [left] = await deps.embedder.embed([without(q.question, term.term)], { priority: "query" });
        ablation.push({ term: term.term, sentence: (await deps.bestSentences(left!, [best]))?.[0] ?? null });
      }
    }
    rows.push({
      id: q.id,
      kind: q.gold ? "in" : "out",
      question: q.question,
      ...judged,
      message: answer.message,
      sources: answer.sources.map((s) => ({ doc: s.documentName, heading: s.heading ?? "" })),
      sentences,
      chunks: chunks.map((c, rank) => dumpedSignals(c, rank)),
      bestSentence,
      ablation,
    });
  }
  out[center.name] = { chunks: stats.chunks, df: Object.fromEntries(stats.entries()), rows };
}
await writeFile(join(WORK_DIR, "relevance-refusal-dump.json"), JSON.stringify(out));
await server.stop();
