// The offline answerer on the FAQ PDF through a real server: does the answer's own text hold the gold
// phrase, are out-of-scope questions answered honestly, and how the honesty thresholds separate them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NOT_FOUND_OPENING, notFoundAnswer } from "../server/src/chat/answer-turn";
import { evidenceOf, readQuestion, thresholdsFor } from "../server/src/chat/relevance";
import { searchChunks } from "../server/src/rag/search-chunks";
import { apiClient } from "../server/src/testing/api-client";
import { startTestServer } from "../server/src/testing/test-server";
import { openSocket } from "../server/src/testing/ws-client";
import { EXTRA_IN_SCOPE, type GoldQuestion, OUT_OF_SCOPE } from "./chat-questions";

const CORPUS = join(import.meta.dir, "..", "..", "shared", "corpus");
const norm = (text: string) => text.replace(/\s+/g, " ").toLowerCase();

export interface QualityReport {
  faq: { hits: number; total: number };
  extra: { hits: number; total: number };
  /** `pointed`: honest answers that also named the closest passage (a near miss). */
  outOfScope: { honest: number; pointed: number; total: number };
  inScopeRefused: string[];
  answerSeconds: { p50: number };
  calibration: {
    thresholds: ReturnType<typeof thresholdsFor>;
    inScope: number[];
    outOfScope: number[];
    grid: { coverageWeight: number; ceiling: number; gap: number; separated: number; total: number }[];
  };
  example: { question: string; answer: string };
}

export async function measureQuality(): Promise<QualityReport | null> {
  const pdf = join(CORPUS, "debian-faq.pdf");
  if (!existsSync(pdf)) return null;
  const faq = JSON.parse(readFileSync(join(CORPUS, "faq-examples.json"), "utf8")) as GoldQuestion[];
  const server = await startTestServer();
  try {
    const api = apiClient(server.url, server.adminToken);
    const business = await api.createBusiness({ name: "Debian" });
    const document = await api.uploadDocument(business.id, readFileSync(pdf), "debian-faq.pdf");
    const ready = await api.waitForDocument(business.id, document.id, 600_000);
    if (ready.status !== "ready") throw new Error(`the FAQ did not ingest: ${ready.status}`);

    const refusal = notFoundAnswer(business.name);
    const durations: number[] = [];
    async function ask(question: string): Promise<string> {
      // One session per question: a follow-up would borrow the previous question offline.
      const socket = await openSocket(`${server.wsUrl}/ws/chat/${business.id}/${crypto.randomUUID()}`);
      await socket.next((frame) => frame.type === "history");
      const started = performance.now();
      socket.send({ type: "user", message: question });
      const answer = await socket.next((frame) => frame.type === "message" && frame.sender === "assistant", {
        timeoutMs: 60_000,
      });
      durations.push((performance.now() - started) / 1000);
      await socket.close();
      return answer.type === "message" ? answer.message : "";
    }

    const inScopeRefused: string[] = [];
    let example = { question: "", answer: "" };
    const score = async (set: GoldQuestion[]) => {
      let hits = 0;
      for (const item of set) {
        const answer = await ask(item.question);
        if (item.gold.some((gold) => norm(answer).includes(norm(gold)))) hits++;
        if (answer.startsWith(NOT_FOUND_OPENING)) inScopeRefused.push(item.question);
        if (!example.question) example = { question: item.question, answer };
      }
      return { hits, total: set.length };
    };
    const faqScore = await score(faq);
    const extraScore = await score(EXTRA_IN_SCOPE);
    // Honest: the answer says it could not find it (plainly, or naming the closest passage).
    let honest = 0;
    let pointed = 0;
    for (const question of OUT_OF_SCOPE) {
      const answer = await ask(question);
      if (answer.startsWith(NOT_FOUND_OPENING)) honest++;
      if (answer.startsWith(NOT_FOUND_OPENING) && answer !== refusal) pointed++;
    }

    // Calibration: each question's strongest evidence among the retrieved chunks, as relevance.ts
    // computes it, for a grid of coverage weights.
    const thresholds = thresholdsFor(server.deps.embedder.id);
    const retrieved = async (question: string) =>
      searchChunks(server.deps, { businessId: business.id, query: question, k: server.deps.config.topK });
    const inScopeChunks = await Promise.all([...faq, ...EXTRA_IN_SCOPE].map((q) => retrieved(q.question)));
    const outChunks = await Promise.all(OUT_OF_SCOPE.map(retrieved));
    const stats = await server.deps.store.termStats(business.id);
    const evidence = (questions: string[], lists: Awaited<ReturnType<typeof retrieved>>[], weight: number) =>
      questions.map((question, i) =>
        Math.max(
          0,
          ...lists[i]!.map((chunk) =>
            evidenceOf(readQuestion(question, stats), chunk, { ...thresholds, coverageWeight: weight }),
          ),
        ),
      );
    const inQuestions = [...faq, ...EXTRA_IN_SCOPE].map((q) => q.question);
    const grid = [0, 0.25, 0.5, 0.75, 1].map((coverageWeight) => {
      const inside = evidence(inQuestions, inScopeChunks, coverageWeight);
      const outside = evidence(OUT_OF_SCOPE, outChunks, coverageWeight);
      const ceiling = Math.max(...outside);
      const separated = inside.filter((value) => value > ceiling).length;
      // The gap between the best out-of-scope question and the in-scope ones kept above it.
      const above = inside.filter((value) => value > ceiling).sort((a, b) => a - b);
      return {
        coverageWeight,
        ceiling,
        gap: (above[0] ?? ceiling) - ceiling,
        separated,
        total: inside.length,
      };
    });
    durations.sort((a, b) => a - b);
    return {
      faq: faqScore,
      extra: extraScore,
      outOfScope: { honest, pointed, total: OUT_OF_SCOPE.length },
      inScopeRefused,
      answerSeconds: { p50: durations[durations.length >> 1] ?? Number.NaN },
      calibration: {
        thresholds,
        inScope: evidence(inQuestions, inScopeChunks, thresholds.coverageWeight),
        outOfScope: evidence(OUT_OF_SCOPE, outChunks, thresholds.coverageWeight),
        grid,
      },
      example,
    };
  } finally {
    await server.stop({ removeData: true });
  }
}
