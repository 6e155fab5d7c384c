import { describe, expect, test } from "bun:test";
import type { Embedder } from "../providers/embedder";
import type { BestSentences, RankedChunk } from "../rag/search-chunks";
import { NO_TERM_STATS } from "../rag/term-stats";
import type { StoredHit, VectorStore } from "../rag/vector-store";
import { type PlanDeps, planReply } from "./plan-reply";
import { type RelevanceThresholds, thresholdsFor } from "./relevance";

const embedded: string[][] = [];
const embedder: Embedder = {
  id: "test",
  embed: async (texts) => {
    embedded.push(texts);
    return texts.map(() => [1, 0]);
  },
};

const hit = (chunkIndex: number, text: string, score: number): StoredHit => ({
  documentId: 1,
  documentName: "billing.md",
  chunkIndex,
  windowIndex: 1,
  heading: "",
  page: 0,
  text,
  score,
});
// Chunks sharing no word with the question: the evidence is the best one's similarity, 0.63.
const hits = [
  hit(0, "Annual billing costs ten months.", 0.63),
  hit(1, "Invoices are sent by email.", 0.5),
  hit(2, "Receipts list the tax.", 0.45),
];
const store = {
  vectorSearch: async () => hits,
  textSearch: async () => [],
  countRows: async () => hits.length,
  termStats: async () => NO_TERM_STATS,
} as unknown as VectorStore;

const thresholds: RelevanceThresholds = {
  answer: 0.65,
  keep: 0.55,
  suggest: 0.4,
  coverageWeight: 0.5,
  weighTerms: false,
  foreignTermPenalty: 0,
  sentenceLead: { weight: 0.4, usual: 0.03 },
};

function plan(deps: Partial<PlanDeps>) {
  return planReply(
    { store, embedder, chatModel: null, thresholds, topK: 5, ...deps },
    {
      businessId: 1,
      business: { name: "Acme" },
      question: "Is it cheaper to pay yearly?",
      history: [],
      lang: "en",
      signal: new AbortController().signal,
    },
  );
}

/** Closest-sentence figures by chunk text, recording every read. */
function sentences(byText: Record<string, number> | null) {
  const reads: string[][] = [];
  const bestSentences: BestSentences = async (_vector, chunks: RankedChunk[]) => {
    reads.push(chunks.map((c) => c.text));
    return byText ? chunks.map((c) => byText[c.text] ?? 0) : null;
  };
  return { reads, bestSentences };
}
const standsOut = { [hits[0]!.text]: 0.7, [hits[1]!.text]: 0.4, [hits[2]!.text]: 0.4 };
const flat = { [hits[0]!.text]: 0.55, [hits[1]!.text]: 0.54, [hits[2]!.text]: 0.53 };

describe("planReply weighs the chunks' closest stored sentences (offline)", () => {
  test("a borderline question is answered when one chunk's best sentence stands out, on the search's reading", async () => {
    const { reads, bestSentences } = sentences(standsOut);
    embedded.length = 0;
    const reply = await plan({ bestSentences });
    expect(reply.kind).toBe("answer");
    // The answerer gets the business's term counts the decision weighed the question's words by.
    expect(reply.kind === "answer" && reply.termStats).toBe(NO_TERM_STATS);
    // The search read them to rank the chunks; the decision reuses that reading, and embeds nothing more.
    expect(reads).toHaveLength(1);
    expect(embedded).toEqual([["Is it cheaper to pay yearly?"]]);
  });

  test("refused when the sentences do not stand out, are not all stored, or are not known", async () => {
    expect((await plan({ bestSentences: sentences(flat).bestSentences })).kind).toBe("not_found");
    const unstored = sentences(null);
    expect((await plan({ bestSentences: unstored.bestSentences })).kind).toBe("not_found");
    // Not all stored for the search: not read again for the decision.
    expect(unstored.reads).toHaveLength(1);
    expect((await plan({})).kind).toBe("not_found");
  });

  test("thresholds without the lead (a model's embedder) decide on the chunks alone", async () => {
    const openai = thresholdsFor("openai:text-embedding-3-small");
    const { bestSentences } = sentences(standsOut);
    expect((await plan({ bestSentences, thresholds: { ...openai, answer: 0.65, keep: 0.55 } })).kind).toBe(
      "not_found",
    );
    expect((await plan({ bestSentences, thresholds: { ...openai, answer: 0.62, keep: 0.55 } })).kind).toBe(
      "answer",
    );
  });
});
