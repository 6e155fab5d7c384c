// The chat's offline reply path run in process over every help center at once (for
// bench/relevance-study.ts and bench/low-evidence.ts). The corpora are ingested once into
// bench/.work/relevance-study (or bench/.work/$STUDY_NAME, e.g. for another SUPPORTAL_CHUNK_SIZE) and
// reused while the extraction and chunking stay the same (STUDY_FRESH=1 ingests again).
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { planReply } from "../../server/src/chat/plan-reply";
import { type RelevanceThresholds, thresholdsFor } from "../../server/src/chat/relevance";
import { apiClient } from "../../server/src/testing/api-client";
import { startTestServer } from "../../server/src/testing/test-server";
import { WORK_DIR } from "./corpus";
import { faqHelpCenter } from "./faq-help-center";
import { type HelpCenter, helpCenters } from "./help-center";

export async function startStudy(only: string[]) {
  const dataDir = join(WORK_DIR, process.env.STUDY_NAME ?? "relevance-study");
  const manifestPath = join(dataDir, "manifest.json");
  if (process.env.STUDY_FRESH) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  const faq = faqHelpCenter();
  const centers: HelpCenter[] = [...(faq ? [faq] : []), ...helpCenters()].filter(
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

  /** The reply plan for a question, with the shipped thresholds or some changed. */
  function plan(
    businessId: number,
    name: string,
    question: string,
    changed: Partial<RelevanceThresholds> = {},
  ) {
    const deps = { ...server.deps, thresholds: { ...thresholds, ...changed }, topK: server.deps.config.topK };
    return planReply(deps, {
      businessId,
      business: { name },
      question,
      history: [],
      lang: null,
      signal: new AbortController().signal,
    });
  }

  /** The reply a customer gets: the plan, then the extractive answer when it answers. */
  async function reply(
    businessId: number,
    name: string,
    question: string,
    changed: Partial<RelevanceThresholds> = {},
  ) {
    const planned = await plan(businessId, name, question, changed);
    // The bench sets up no curated answers, so a plan is never "curated" here.
    if (planned.kind !== "answer")
      return {
        message: planned.kind === "curated" ? planned.hit.row.answer : planned.text,
        sources: [],
        chunks: [],
      };
    const stream = answerer.answer({
      question,
      history: [],
      chunks: planned.chunks,
      business: { name, systemPrompt: null },
      language: planned.language,
      documentsLanguage: planned.documentsLanguage,
      termStats: planned.termStats,
      signal: new AbortController().signal,
    });
    let message = "";
    for await (const piece of stream.pieces) message += piece;
    return { message, sources: stream.sources(), chunks: planned.chunks };
  }

  return { server, centers, manifest, thresholds, plan, reply };
}
