// `bun bench/answer-choice-features.ts [name ...]`: dumps, for every in-scope question that the offline
// reply path answers (as bench/relevance-study.ts runs it), what the extractive answerer's choice of
// chunk sees: each chunk handed to it (in search's order) with its similarity and plain share of the
// question's terms (its evidence), its heading's and its sentences' cosines to the question, which of
// the question's weighted terms (weighQuestion, with the business's counts) its heading, text and
// each sentence hold, and whether it is a gold chunk. Nothing is embedded but the question and
// headings (cached). Written to bench/.work/answer-choice-features.json, for studying chooseChunks.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { questionAndHeadingVectors } from "../server/src/chat/answer-vectors";
import { candidatesOf, dot, MAX_CHUNKS, MAX_SENTENCES } from "../server/src/chat/extractive-answerer";
import { hashSentence } from "../server/src/chat/sentence-vector-repo";
import { weighQuestion, weightedCoverage } from "../server/src/rag/term-weights";
import { contentTerms, termCoverage } from "../server/src/rag/terms";
import { WORK_DIR } from "./lib/corpus";
import { holdsPhrase } from "./lib/kb-judge";
import { startStudy } from "./lib/study-server";

const { server, centers, manifest, plan } = await startStudy(process.argv.slice(2));
const deps = server.deps;
const repo = deps.repos.sentenceVectors;

const out: Record<string, unknown> = {};
for (const center of centers) {
  const businessId = manifest[center.name]!;
  const name = center.questions.business ?? center.name;
  const stats = await deps.store.termStats(businessId);
  const rows = [];
  for (const q of center.questions.inScope) {
    const planned = await plan(businessId, name, q.question);
    if (planned.kind !== "answer") continue;
    const chunks = planned.chunks.slice(0, MAX_CHUNKS);
    const headings = chunks.map((c) => c.heading || c.documentName);
    const { question: vector, headings: headingVectors } = await questionAndHeadingVectors(
      deps.embedder,
      q.question,
      chunks,
      headings,
    );
    const weighted = weighQuestion(q.question, stats);
    const single = weighted.terms.map((t) => ({ terms: [t], total: t.weight || 1, foreign: 0 }));
    const holds = (...passages: string[]) =>
      single.flatMap((w, i) => (weightedCoverage(w, ...passages) > 0 ? [i] : []));
    const terms = contentTerms(q.question);
    const perChunk = chunks.map((chunk) => candidatesOf([chunk]).slice(0, MAX_SENTENCES));
    const flat = perChunk.flat();
    const stored = await repo.find(
      deps.embedder.id,
      flat.map((c) => ({ documentId: c.chunk.documentId, textHash: hashSentence(c.text) })),
    );
    let next = 0;
    rows.push({
      id: q.id,
      question: q.question,
      terms: weighted.terms.map((t) => ({ term: t.term, weight: t.weight })),
      chunks: chunks.map((c, rank) => ({
        rank,
        gold: c.documentName === q.gold.doc && holdsPhrase(c.text, q.gold.phrases),
        heading: c.heading,
        doc: c.documentName,
        sim: c.similarity,
        score: c.score,
        textScore: c.textScore,
        // The plain share of the question's terms, as chooseChunks' evidence reads it.
        coverage: termCoverage(terms, c.heading, c.text),
        headingSim: dot(vector, headingVectors[rank]!),
        headingTerms: holds(headings[rank]!),
        chunkTerms: holds(c.heading, c.text),
        textLength: c.text.length,
        sentences: perChunk[rank]!.map((s) => {
          const v = stored[next++];
          return {
            text: s.text,
            position: s.position,
            sim: v ? dot(vector, v) : null,
            terms: holds(s.text),
            gold: holdsPhrase(s.text, q.gold.phrases),
          };
        }),
      })),
    });
  }
  out[center.name] = rows;
}
await writeFile(join(WORK_DIR, "answer-choice-features.json"), JSON.stringify(out));
await server.stop();
