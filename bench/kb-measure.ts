// Measures one help center through a real server, the way ../shared/conformance/kb.ts does: a new
// business, every file uploaded over HTTP and ingested, then each question searched (k = 5) and asked
// over the WebSocket in a fresh session. Also reads the chat's relevance signal for every question
// (lib/relevance-probe.ts), for the calibration tables.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { apiClient } from "../server/src/testing/api-client";
import type { TestServer } from "../server/src/testing/test-server";
import { newSessionId, openSocket } from "../server/src/testing/ws-client";
import { Document, SearchAnswer, ServerFrame, type Source } from "../shared/src/index";
import type { Gold, HelpCenter } from "./lib/help-center";
import {
  fold,
  holdsPhrase,
  isRefusal,
  isRefusalInAnyLanguage,
  judgeAnswer,
  offersHuman,
  quotesSource,
} from "./lib/kb-judge";
import type { RelevanceProbe } from "./lib/relevance-probe";

const K = 5;
/** Deep enough to tell "ranked low" from "not retrieved" for a miss. */
const DEEP_K = 50;
const INGEST_TIMEOUT_MS = 600_000;
const ANSWER_TIMEOUT_MS = 90_000;

export type QuestionKind = "in" | "out" | "language" | "handoff";

export interface QuestionRow {
  id: string;
  kind: QuestionKind;
  question: string;
  gold?: Gold;
  /** In-scope only: the gold chunk's rank in the top K (1-based), and in a deeper list. */
  rank?: number | null;
  deepRank?: number | null;
  top?: { doc: string; chunk: number; heading?: string; gold: boolean; text: string }[];
  message: string;
  sources: Source[];
  error?: string;
  refused: boolean;
  correct?: boolean;
  phraseIn?: boolean;
  /** Handoff only. */
  handoff?: { offersHuman: boolean; quote: boolean; ok: boolean };
  evidence: number;
  similarity: number;
  turnMs: number;
  failure?: string;
}

export interface CorpusReport {
  name: string;
  files: { name: string; type: string; status: string; chunks: number; error?: string }[];
  ingestSeconds: number;
  threshold: number;
  rows: QuestionRow[];
}

export async function measureHelpCenter(
  server: TestServer,
  probe: RelevanceProbe,
  center: HelpCenter,
): Promise<CorpusReport> {
  const admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: center.questions.business ?? center.name });
  const t0 = performance.now();
  const accepted: { name: string; id?: number; error?: string }[] = [];
  for (const file of center.files) {
    const response = await admin.upload(business.id, new Uint8Array(readFileSync(file.path)), file.name);
    if (response.status !== 202)
      accepted.push({ name: file.name, error: `HTTP ${response.status} ${await response.text()}` });
    else accepted.push({ name: file.name, id: Document.parse(await response.json()).id });
  }
  const files: CorpusReport["files"] = [];
  const idOf = new Map<string, number>();
  for (const file of accepted) {
    if (file.id === undefined) {
      files.push({
        name: file.name,
        type: extname(file.name).slice(1),
        status: "refused",
        chunks: 0,
        error: file.error,
      });
      continue;
    }
    const document = await admin.waitForDocument(business.id, file.id, INGEST_TIMEOUT_MS);
    idOf.set(file.name, document.id);
    const entry: CorpusReport["files"][number] = {
      name: file.name,
      type: extname(file.name).slice(1),
      status: document.status,
      chunks: document.chunkCount ?? 0,
    };
    if (document.error) entry.error = document.error;
    files.push(entry);
  }
  const ingestSeconds = (performance.now() - t0) / 1000;

  const search = async (query: string, k: number) => {
    const response = await admin.call("POST", `/api/businesses/${business.id}/search`, { query, k });
    if (response.status !== 200) throw new Error(`search: HTTP ${response.status} ${await response.text()}`);
    return SearchAnswer.parse(await response.json()).results;
  };

  async function ask(question: string) {
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${business.id}/${newSessionId()}`);
    try {
      await socket.next((frame) => frame.type === "history");
      const from = socket.frames.length;
      const sent = performance.now();
      socket.send({ type: "user", message: question });
      const end = ServerFrame.parse(
        await socket.next(
          // A request for a person may be answered by the system (nobody available: leave an address).
          (frame) =>
            (frame.type === "message" && (frame.sender === "assistant" || frame.sender === "system")) ||
            frame.type === "error",
          { from, timeoutMs: ANSWER_TIMEOUT_MS },
        ),
      );
      const turnMs = performance.now() - sent;
      if (end.type === "error")
        return { message: "", sources: [], error: `${end.code}: ${end.message}`, turnMs };
      if (end.type !== "message") throw new Error(`unexpected frame ${end.type}`);
      return { message: end.message, sources: end.sources ?? [], turnMs };
    } finally {
      await socket.close();
    }
  }

  const rows: QuestionRow[] = [];
  const { inScope, outOfScope, otherLanguage, handoff } = center.questions;
  for (const q of inScope) {
    const goldId = idOf.get(q.gold.doc);
    const isGold = (r: { documentId: number; text: string }) =>
      r.documentId === goldId && holdsPhrase(r.text, q.gold.phrases);
    const results = (await search(q.question, K)).slice(0, K);
    const rank = results.findIndex(isGold);
    const deepRank = (await search(q.question, DEEP_K)).findIndex(isGold);
    const answer = await ask(q.question);
    const judged = judgeAnswer(answer.message, answer.sources, q.gold);
    const signal = await probe.measure(business.id, q.question);
    const row: QuestionRow = {
      id: q.id,
      kind: "in",
      question: q.question,
      gold: q.gold,
      rank: rank >= 0 ? rank + 1 : null,
      deepRank: deepRank >= 0 ? deepRank + 1 : null,
      top: results.map((r) => ({
        doc: r.documentName,
        chunk: r.chunkIndex,
        ...(r.heading ? { heading: r.heading } : {}),
        gold: isGold(r),
        text: r.text.slice(0, 160),
      })),
      ...answer,
      ...judged,
      ...signal,
    };
    if (!row.correct) row.failure = failureOf(row, results, goldId);
    rows.push(row);
  }
  // Asked, probed, and judged for refusal; each set adds its own judgement.
  const asked = async (kind: QuestionKind, q: { id: string; question: string }) => {
    const answer = await ask(q.question);
    const signal = await probe.measure(business.id, q.question);
    return { id: q.id, kind, question: q.question, ...answer, refused: isRefusal(answer.message), ...signal };
  };
  for (const q of outOfScope) rows.push(await asked("out", q));
  for (const q of otherLanguage) {
    const row = await asked("language", q);
    rows.push({
      ...row,
      gold: q.gold,
      ...judgeAnswer(row.message, row.sources, q.gold, isRefusalInAnyLanguage),
    });
  }
  for (const q of handoff) {
    const row = await asked("handoff", q);
    const human = offersHuman(row.message) && !row.error;
    const quote = quotesSource(row.message, row.sources);
    rows.push({ ...row, handoff: { offersHuman: human, quote, ok: human && !quote } });
  }
  return { name: center.name, files, ingestSeconds, threshold: probe.threshold, rows };
}

/** Why an in-scope answer missed, in kb.ts's classes. */
function failureOf(
  row: QuestionRow,
  results: { documentId: number; text: string }[],
  goldId?: number,
): string {
  if (row.error) return "no answer";
  if (row.deepRank === null) return "not retrieved";
  if (row.rank === null) return "ranked low";
  if (row.refused) return "refused with the passage in the top 5";
  const goldChunk = results.find((r) => r.documentId === goldId && holdsPhrase(r.text, row.gold!.phrases));
  const fromGoldChunk =
    goldChunk !== undefined &&
    row.sources.some((s) =>
      fold(goldChunk.text).includes(
        fold(s.snippet)
          .replace(/(\.\.\.|…)$/, "")
          .slice(0, 120),
      ),
    );
  return fromGoldChunk ? "quoted the wrong part of the right chunk" : "quoted another chunk";
}
