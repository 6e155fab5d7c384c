// `bun bench/relevance-study.ts [name ...]`: the chat's offline reply path (planReply + the
// extractive answerer) run in process over every help center at once, judged as kb.ts judges, in
// seconds instead of the kb-quality bench's minutes. The corpora are ingested once into
// bench/.work/relevance-study and reused while the extraction and chunking stay the same
// (STUDY_FRESH=1 ingests again). For developing the answer/refuse decision and the passage choice on
// every corpus at once; the figures of record come from kb-quality.bench.ts.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { WORK_DIR } from "./lib/corpus";
import { holdsPhrase, isRefusal, isRefusalInAnyLanguage, judgeAnswer } from "./lib/kb-judge";
import { startStudy } from "./lib/study-server";

const { server, centers, manifest, reply } = await startStudy(process.argv.slice(2));

const rows: string[][] = [];
const details: Record<string, unknown[]> = {};
for (const center of centers) {
  const id = manifest[center.name]!;
  const name = center.questions.business ?? center.name;
  const { inScope, outOfScope, otherLanguage } = center.questions;
  let correct = 0;
  let wrong = 0;
  let honest = 0;
  let languageOk = 0;
  // Answered with a gold chunk among the chunks handed to the answerer: how many answers quote it.
  let goldGiven = 0;
  let goldChosen = 0;
  let goldCorrect = 0;
  const log: unknown[] = [];
  for (const q of inScope) {
    const answer = await reply(id, name, q.question);
    const judged = judgeAnswer(answer.message, answer.sources, q.gold);
    if (judged.correct) correct++;
    if (judged.refused) wrong++;
    const gold = answer.chunks.filter(
      (c) => c.documentName === q.gold.doc && holdsPhrase(c.text, q.gold.phrases),
    );
    if (gold.length && !judged.refused) {
      goldGiven++;
      if (
        answer.sources.some((s) =>
          gold.some((g) => g.documentName === s.documentName && (g.heading || undefined) === s.heading),
        )
      )
        goldChosen++;
      if (judged.correct) goldCorrect++;
    }
    // Where the gold chunks and the quoted ones sit among the chunks handed to the answerer (best
    // first): a gold chunk given but not quoted was lost to the choice of chunk.
    const rankOf = (match: (c: (typeof answer.chunks)[number]) => boolean) =>
      answer.chunks.flatMap((c, i) => (match(c) ? [i] : []));
    log.push({
      id: q.id,
      q: q.question,
      ...judged,
      gold: q.gold.phrases,
      goldRanks: rankOf((c) => gold.includes(c)),
      quotedRanks: rankOf((c) =>
        answer.sources.some(
          (s) =>
            s.documentName === c.documentName &&
            (c.heading || undefined) === s.heading &&
            s.page === (c.page || undefined),
        ),
      ),
      message: answer.message,
    });
  }
  for (const q of outOfScope) {
    const answer = await reply(id, name, q.question);
    if (isRefusal(answer.message)) honest++;
    log.push({
      id: q.id,
      q: q.question,
      out: true,
      refused: isRefusal(answer.message),
      message: answer.message,
    });
  }
  for (const q of otherLanguage) {
    const answer = await reply(id, name, q.question);
    const judged = judgeAnswer(answer.message, answer.sources, q.gold, isRefusalInAnyLanguage);
    if (judged.correct || judged.refused) languageOk++;
  }
  details[center.name] = log;
  rows.push([
    center.name,
    `${correct}/${inScope.length}`,
    `${wrong}/${inScope.length}`,
    `${honest}/${outOfScope.length}`,
    `${languageOk}/${otherLanguage.length}`,
    `${goldGiven}/${goldChosen}/${goldCorrect}`,
  ]);
}
await writeFile(join(WORK_DIR, "relevance-study.json"), JSON.stringify(details, null, 1));
console.log(
  "corpus\tcorrect\twrongly refused\thonest refusal\tother language answered or refused\tgold given/chosen/correct",
);
for (const row of rows) console.log(row.join("\t"));
await server.stop();
