// The chat's own relevance signal for a question, read in process: the value the answer/refuse
// decision compares with its threshold (the strongest chunk evidence among the chunks the chat
// retrieves, plus the lead of the closest stored sentence when the thresholds read it), and that
// threshold. The one place the quality bench reaches into the relevance check, so a change of that
// check's shape is adapted here only.
import {
  evidenceOf,
  readQuestion,
  SENTENCE_LEAD_CHUNKS,
  sentenceLeadOf,
  thresholdsFor,
} from "../../server/src/chat/relevance";
import { searchChunks } from "../../server/src/rag/search-chunks";
import type { TestServer } from "../../server/src/testing/test-server";

export interface RelevanceProbe {
  /** The evidence a question needs to be answered (the chat's `answer` threshold). */
  threshold: number;
  /** The decision's evidence and the best cosine similarity among the chunks the chat retrieves. */
  measure(businessId: number, question: string): Promise<{ evidence: number; similarity: number }>;
}

export function relevanceProbe(server: TestServer): RelevanceProbe {
  const { deps } = server;
  const thresholds = thresholdsFor(deps.embedder.id);
  return {
    threshold: thresholds.answer,
    async measure(businessId, question) {
      const chunks = await searchChunks(deps, { businessId, query: question, k: deps.config.topK });
      const read = readQuestion(question, await deps.store.termStats(businessId));
      const first = chunks.slice(0, SENTENCE_LEAD_CHUNKS);
      let sentences: number[] | null = null;
      if (thresholds.sentenceLead && deps.bestSentences && first.length >= 2) {
        const [vector] = await deps.embedder.embed([question], { priority: "query" });
        sentences = await deps.bestSentences(vector!, first);
      }
      return {
        evidence:
          Math.max(0, ...chunks.map((chunk) => evidenceOf(read, chunk, thresholds))) +
          sentenceLeadOf(sentences, thresholds.sentenceLead),
        similarity: Math.max(0, ...chunks.map((chunk) => chunk.similarity)),
      };
    },
  };
}
