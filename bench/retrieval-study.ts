// `bun bench/retrieval-study.ts [name ...]`: every in-scope question of every help center searched in
// process with searchChunks at k = 5 (as kb.ts's POST /search), judged as kb.ts judges a result: from
// the gold document and holding a gold phrase (case and spaces folded). Prints hit@1, hit@5 and MRR
// per corpus in seconds, for developing the ranking on every corpus at once; the figures of record
// come from kb-quality.bench.ts. Reuses the ingestion of bench/relevance-study.ts. Misses (with the
// gold chunk's rank among 50 and the top 5's signals) go to bench/.work/retrieval-study.json.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RankedChunk, searchChunks } from "../server/src/rag/search-chunks";
import { WORK_DIR } from "./lib/corpus";
import { holdsPhrase } from "./lib/kb-judge";
import { startStudy } from "./lib/study-server";

const K = 5;
const DEEP_K = 50;
const HELD_OUT = new Set(["router-manual"]);
const { server, centers, manifest } = await startStudy(process.argv.slice(2));
const deps = {
  embedder: server.deps.embedder,
  store: server.deps.store,
  ...(server.deps.bestSentences ? { bestSentences: server.deps.bestSentences } : {}),
};

const signals = (r: RankedChunk) => ({
  doc: r.documentName,
  heading: r.heading,
  score: +r.score.toFixed(4),
  sim: +r.similarity.toFixed(3),
  text: +r.textScore.toFixed(2),
});

console.log("corpus\thit@1\thit@5\tMRR\thits@5\tranked low (6-50)\tnot in 50");
const misses: Record<string, unknown[]> = {};
let tunedHits = 0;
for (const center of centers) {
  const businessId = manifest[center.name]!;
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  let low = 0;
  let absent = 0;
  const log: unknown[] = [];
  for (const q of center.questions.inScope) {
    const isGold = (r: RankedChunk) => r.documentName === q.gold.doc && holdsPhrase(r.text, q.gold.phrases);
    const top = await searchChunks(deps, { businessId, query: q.question, k: K });
    const rank = top.findIndex(isGold);
    if (rank === 0) hit1++;
    if (rank >= 0) {
      hit5++;
      rr += 1 / (rank + 1);
      continue;
    }
    const deep = await searchChunks(deps, { businessId, query: q.question, k: DEEP_K });
    const deepRank = deep.findIndex(isGold);
    if (deepRank >= 0) low++;
    else absent++;
    log.push({
      q: q.question,
      rank: deepRank,
      gold: q.gold,
      top: top.map(signals),
      goldEntry: deepRank >= 0 ? signals(deep[deepRank]!) : null,
    });
  }
  const n = center.questions.inScope.length;
  if (!HELD_OUT.has(center.name)) tunedHits += hit5;
  misses[center.name] = log;
  console.log(
    [
      center.name + (HELD_OUT.has(center.name) ? " (held out)" : ""),
      (hit1 / n).toFixed(2),
      (hit5 / n).toFixed(2),
      (rr / n).toFixed(2),
      `${hit5}/${n}`,
      low,
      absent,
    ].join("\t"),
  );
}
console.log(`tuning corpora hits@5: ${tunedHits}`);
await writeFile(join(WORK_DIR, "retrieval-study.json"), JSON.stringify(misses, null, 1));
await server.stop?.();
process.exit(0);
