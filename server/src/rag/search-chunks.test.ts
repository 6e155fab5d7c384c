import { expect, test } from "bun:test";
import type { Embedder } from "../providers/embedder";
import { type BestSentences, searchChunks } from "./search-chunks";
import { NO_TERM_STATS } from "./term-stats";
import type { StoredHit, VectorStore } from "./vector-store";

const hit = (chunkIndex: number, windowIndex: number, score: number, text = `chunk ${chunkIndex}`) =>
  ({
    documentId: 1,
    documentName: "doc",
    chunkIndex,
    windowIndex,
    heading: `Heading ${chunkIndex}`,
    page: 0,
    text,
    score,
  }) satisfies StoredHit;

/** A store that answers every search with fixed lists, best first. */
function fixedStore(lists: { vector: StoredHit[]; text: StoredHit[] }): VectorStore {
  const none = async () => undefined;
  return {
    add: none,
    deleteDocument: none,
    dropBusiness: none,
    optimize: none,
    close: none,
    countRows: async () => lists.vector.length + lists.text.length,
    vectorSearch: async () => lists.vector,
    textSearch: async () => lists.text,
    termStats: async () => NO_TERM_STATS,
  };
}

const embedder: Embedder = { id: "fixed", embed: async (texts) => texts.map(() => [1, 0]) };
const order = (chunks: { chunkIndex: number }[]) => chunks.map((chunk) => chunk.chunkIndex);

test("hybrid fuses the window, heading and full-text lists; a chunk two lists agree on wins", async () => {
  const store = fixedStore({
    // Similarities this close leave the order to the lists' votes.
    vector: [hit(1, 2, 0.62), hit(2, 0, 0.61), hit(1, 0, 0.6), hit(3, 1, 0.59)],
    text: [hit(3, 0, 12), hit(2, 0, 11)],
  });
  const ranked = await searchChunks({ embedder, store }, { businessId: 1, query: "anything", k: 3 });
  expect(order(ranked)).toEqual([2, 3, 1]);
  expect(ranked[0]).toMatchObject({ similarity: 0.61, textScore: 11, text: "chunk 2" });
});

test("each mode alone reads one kind of list", async () => {
  const store = fixedStore({ vector: [hit(1, 1, 0.9), hit(2, 1, 0.8)], text: [hit(3, 0, 5), hit(2, 0, 4)] });
  const vector = await searchChunks({ embedder, store }, { businessId: 1, query: "q", k: 5, mode: "vector" });
  const text = await searchChunks({ embedder, store }, { businessId: 1, query: "q", k: 5, mode: "text" });
  expect(order(vector)).toEqual([1, 2]);
  expect(order(text)).toEqual([3, 2]);
});

test("among chunks the lists rank alike, the one holding more of the query's words goes first", async () => {
  const store = fixedStore({
    vector: [hit(1, 1, 0.9, "Parcels ship daily."), hit(2, 1, 0.9, "Refunds reach your card in a week.")],
    text: [hit(2, 0, 3, "Refunds reach your card in a week."), hit(1, 0, 3, "Parcels ship daily.")],
  });
  const ranked = await searchChunks(
    { embedder, store },
    { businessId: 1, query: "When is my refund on my card?", k: 2 },
  );
  expect(order(ranked)).toEqual([2, 1]);
});

test("a far closer best window outweighs a place in the lists", async () => {
  // Chunk 1 is first in the vector list and far closer than chunk 2, which full-text puts first and
  // chunk 1 third: by votes alone chunk 2 would win.
  const store = fixedStore({
    vector: [hit(1, 1, 0.95), hit(2, 1, 0.4)],
    text: [hit(2, 0, 9), hit(3, 0, 8), hit(1, 0, 7)],
  });
  const ranked = await searchChunks({ embedder, store }, { businessId: 1, query: "q", k: 3 });
  expect(order(ranked)).toEqual([1, 2, 3]);
});

test("a chunk of the document the lists keep returning to outranks a lone chunk of another", async () => {
  // By its place alone chunk 10 (the only one of document 2) is first; chunk 1's document also holds
  // the next three chunks of the list.
  const other = { ...hit(10, 1, 0.6), documentId: 2, documentName: "other" };
  const store = fixedStore({
    vector: [other, hit(1, 1, 0.6), hit(2, 1, 0.6), hit(3, 1, 0.6), hit(4, 1, 0.6)],
    text: [],
  });
  const ranked = await searchChunks({ embedder, store }, { businessId: 1, query: "q", k: 2 });
  expect(order(ranked)).toEqual([1, 10]);
});

test("a query word held only by a chunk's document name counts towards its coverage", async () => {
  // Chunk 1 is first in the only list; chunk 2's document is named for the question's word.
  const named = { ...hit(2, 1, 0.6), documentId: 2, documentName: "refund-policy.md" };
  const store = fixedStore({ vector: [hit(1, 1, 0.6), named], text: [] });
  const ranked = await searchChunks({ embedder, store }, { businessId: 1, query: "refunds?", k: 2 });
  expect(order(ranked)).toEqual([2, 1]);
});

test("the best chunks vote again by their closest sentence, when every one of them is known", async () => {
  // Equal in every list but the order; chunk 2's closest sentence is far closer than chunk 1's.
  const store = fixedStore({ vector: [hit(1, 1, 0.6), hit(2, 1, 0.6)], text: [] });
  const bySentence: BestSentences = async (_query, chunks) =>
    chunks.map((chunk) => (chunk.chunkIndex === 2 ? 0.9 : 0.3));
  const ranked = await searchChunks(
    { embedder, store, bestSentences: bySentence },
    { businessId: 1, query: "q", k: 2 },
  );
  expect(order(ranked)).toEqual([2, 1]);
  // Not known for every chunk: the lists' order stands.
  const unknown: BestSentences = async () => null;
  const kept = await searchChunks(
    { embedder, store, bestSentences: unknown },
    { businessId: 1, query: "q", k: 2 },
  );
  expect(order(kept)).toEqual([1, 2]);
});
