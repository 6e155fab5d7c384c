// The chat's own relevance signal for a question, read in process: the strongest evidence among the
// chunks the chat retrieves, and the threshold it is compared with. The one place the quality bench
// reaches into the relevance check, so a change of that check's shape is adapted here only.
import { evidenceOf, readQuestion, thresholdsFor } from "../../server/src/chat/relevance";
import { searchChunks } from "../../server/src/rag/search-chunks";
import type { TestServer } from "../../server/src/testing/test-server";

export interface RelevanceProbe {
  /** The evidence a question needs to be answered (the chat's `answer` threshold). */
  threshold: number;
  /** The strongest evidence and the best cosine similarity among the chunks the chat retrieves. */
  measure(businessId: number, question: string): Promise<{ evidence: number; similarity: number }>;
}

export function relevanceProbe(server: TestServer): RelevanceProbe {
  const thresholds = thresholdsFor(server.deps.embedder.id);
  return {
    threshold: thresholds.answer,
    async measure(businessId, question) {
      const chunks = await searchChunks(server.deps, {
        businessId,
        query: question,
        k: server.deps.config.topK,
      });
      const read = readQuestion(question, await server.deps.store.termStats(businessId));
      return {
        evidence: Math.max(0, ...chunks.map((chunk) => evidenceOf(read, chunk, thresholds))),
        similarity: Math.max(0, ...chunks.map((chunk) => chunk.similarity)),
      };
    },
  };
}
