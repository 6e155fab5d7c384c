// `bun bench/relevance-study.ts [name ...]`: the chat's offline reply path (planReply + the
// extractive answerer) run in process over every help center at once, judged as kb.ts judges, in
// seconds instead of the kb-quality bench's minutes. The corpora are ingested once into
// bench/.work/relevance-study and reused while the extraction and chunking stay the same
// (STUDY_FRESH=1 ingests again). For developing the answer/refuse decision and the passage choice on
// every corpus at once; the figures of record come from kb-quality.bench.ts.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { planReply } from "../server/src/chat/plan-reply";
import { thresholdsFor } from "../server/src/chat/relevance";
import { apiClient } from "../server/src/testing/api-client";
import { startTestServer } from "../server/src/testing/test-server";
import { WORK_DIR } from "./lib/corpus";
import { faqHelpCenter } from "./lib/faq-help-center";
import { helpCenters } from "./lib/help-center";
import { holdsPhrase, isRefusal, isRefusalInAnyLanguage, judgeAnswer } from "./lib/kb-judge";

const only = process.argv.slice(2);
const dataDir = join(WORK_DIR, process.env.STUDY_NAME ?? "relevance-study");
const manifestPath = join(dataDir, "manifest.json");
if (process.env.STUDY_FRESH) await rm(dataDir, { recursive: true, force: true });
await mkdir(dataDir, { recursive: true });

const faq = faqHelpCenter();
const centers = [...(faq ? [faq] : []), ...helpCenters()].filter(
  (c) => only.length === 0 || only.includes(c.name),
);
const server = await startTestServer({
  dataDir,
  env: {
    SUPPORTAL_EMBED_WORKERS: "2",
    // A chunking to compare, ingested into its own STUDY_NAME.
    ...(process.env.SUPPORTAL_CHUNK_SIZE ? { SUPPORTAL_CHUNK_SIZE: process.env.SUPPORTAL_CHUNK_SIZE } : {}),
    ...(process.env.SUPPORTAL_CHUNK_OVERLAP
      ? { SUPPORTAL_CHUNK_OVERLAP: process.env.SUPPORTAL_CHUNK_OVERLAP }
      : {}),
  },
});
const manifest: Record<string, number> = existsSync(manifestPath)
  ? JSON.parse(readFileSync(manifestPath, "utf8"))
  : {};
const admin = apiClient(server.url, server.adminToken);
for (const center of centers) {
  if (manifest[center.name]) continue;
  const business = await admin.createBusiness({ name: center.questions.business ?? center.name });
  for (const file of center.files) {
    const doc = await admin.uploadDocument(business.id, new Uint8Array(readFileSync(file.path)), file.name);
    await admin.waitForDocument(business.id, doc.id, 600_000);
  }
  manifest[center.name] = business.id;
  await writeFile(manifestPath, JSON.stringify(manifest));
}

// The shipped answerer, reading the sentence vectors stored after ingestion.
await server.deps.sentenceFill?.idle();
const thresholds = thresholdsFor(server.deps.embedder.id);
const { answerer } = server.deps;
const deps = { ...server.deps, thresholds, topK: server.deps.config.topK };

async function reply(businessId: number, name: string, question: string) {
  const signal = new AbortController().signal;
  const plan = await planReply(deps, {
    businessId,
    business: { name },
    question,
    history: [],
    lang: null,
    signal,
  });
  // The bench sets up no curated answers, so a plan is never "curated" here.
  if (plan.kind !== "answer")
    return { message: plan.kind === "curated" ? plan.hit.row.answer : plan.text, sources: [], chunks: [] };
  const stream = answerer.answer({
    question,
    history: [],
    chunks: plan.chunks,
    business: { name, systemPrompt: null },
    language: plan.language,
    documentsLanguage: plan.documentsLanguage,
    signal,
  });
  let message = "";
  for await (const piece of stream.pieces) message += piece;
  return { message, sources: stream.sources(), chunks: plan.chunks };
}

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
    log.push({ id: q.id, q: q.question, ...judged, gold: q.gold.phrases, message: answer.message });
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
