// `bun bench/relevance-sentence-features.ts`: dumps, for every in-scope and out-of-scope question of
// every help center ingested by relevance-study.ts, what the offline answer/refuse decision sees (the
// first topK chunks as planReply gets them) plus what the answerer's stored sentence vectors add: each
// chunk's sentences (as the answerer cuts them) with their cosine to the question. Nothing is embedded
// but the question (cached from the search). Written to bench/.work/relevance-sentence-features.json
// for bench/relevance-sentence-separation.ts.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { candidatesOf, dot, MAX_SENTENCES } from "../server/src/chat/extractive-answerer";
import { hashSentence } from "../server/src/chat/sentence-vector-repo";
import { searchChunks } from "../server/src/rag/search-chunks";
import { WORK_DIR } from "./lib/corpus";
import { dumpedSignals } from "./lib/relevance-dump";
import { startStudy } from "./lib/study-server";

const { server, centers, manifest } = await startStudy(process.argv.slice(2));
const deps = server.deps;
const repo = deps.repos.sentenceVectors;

const out: Record<string, unknown> = {};
for (const center of centers) {
  const businessId = manifest[center.name]!;
  const stats = await deps.store.termStats(businessId);
  const questions = [
    ...center.questions.inScope.map((q) => ({ id: q.id, question: q.question, kind: "in" })),
    ...center.questions.outOfScope.map((q) => ({ id: q.id, question: q.question, kind: "out" })),
  ];
  const rows = [];
  for (const q of questions) {
    const chunks = await searchChunks(deps, { businessId, query: q.question, k: deps.config.topK });
    const [vector] = await deps.embedder.embed([q.question], { priority: "query" });
    const perChunk = chunks.map((chunk) => candidatesOf([chunk]).slice(0, MAX_SENTENCES));
    const flat = perChunk.flat();
    const stored = await repo.find(
      deps.embedder.id,
      flat.map((c) => ({ documentId: c.chunk.documentId, textHash: hashSentence(c.text) })),
    );
    let next = 0;
    rows.push({
      id: q.id,
      kind: q.kind,
      question: q.question,
      chunks: chunks.map((c, rank) => ({
        ...dumpedSignals(c, rank),
        headingSim: c.headingVector ? dot(vector!, c.headingVector) : null,
        sentences: perChunk[rank]!.map((s) => {
          const v = stored[next++];
          return { text: s.text, sim: v ? dot(vector!, v) : null };
        }),
      })),
    });
  }
  out[center.name] = { chunks: stats.chunks, df: Object.fromEntries(stats.entries()), rows };
}
await writeFile(join(WORK_DIR, "relevance-sentence-features.json"), JSON.stringify(out));
await server.stop();
