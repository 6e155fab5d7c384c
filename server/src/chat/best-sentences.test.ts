import { expect, test } from "bun:test";
import type { RankedChunk } from "../rag/search-chunks";
import { storedBestSentences } from "./best-sentences";
import type { SentenceVectors } from "./sentence-vectors";

const chunk = (chunkIndex: number, text: string): RankedChunk => ({
  documentId: 1,
  documentName: "doc.md",
  chunkIndex,
  heading: "",
  page: 0,
  text,
  score: 0,
  similarity: 0,
  textScore: 0,
});

// Two-dimensional vectors: a sentence about refunds points along x, anything else along y.
const vectorOf = (text: string) => (/refund/i.test(text) ? [1, 0] : [0, 1]);
function vectors(stored: (text: string) => boolean): SentenceVectors {
  const all = async (sentences: { text: string }[]) => sentences.map((s) => vectorOf(s.text));
  return Object.assign(all, {
    stored: async (sentences: { text: string }[]) =>
      sentences.map((s) => (stored(s.text) ? vectorOf(s.text) : undefined)),
  });
}

test("each chunk's closest stored sentence to the query", async () => {
  const chunks = [chunk(1, "Parcels ship daily. Refunds take a week."), chunk(2, "Parcels ship daily.")];
  const best = storedBestSentences(vectors(() => true));
  expect(await best([1, 0], chunks)).toEqual([1, 0]);
});

test("nothing is known until every sentence of every chunk is stored", async () => {
  const chunks = [chunk(1, "Parcels ship daily. Refunds take a week."), chunk(2, "Parcels ship daily.")];
  const best = storedBestSentences(vectors((text) => !/refund/i.test(text)));
  expect(await best([1, 0], chunks)).toBeNull();
});

test("a chunk whose sentences were all found is not read again; one with a sentence missing is", async () => {
  const reads: string[][] = [];
  const base = vectors((text) => !/week/.test(text));
  const counting: SentenceVectors = Object.assign(
    (sentences: { documentId: number; text: string }[]) => base(sentences),
    {
      stored: async (sentences: { documentId: number; text: string }[]) => {
        reads.push(sentences.map((s) => s.text));
        return base.stored(sentences);
      },
    },
  );
  const best = storedBestSentences(counting);
  const known = chunk(1, "Parcels ship daily.");
  const partial = chunk(2, "Refunds take a week.");
  expect(await best([1, 0], [known])).toEqual([0]);
  expect(await best([0, 1], [known])).toEqual([1]);
  expect(reads).toHaveLength(1);
  expect(await best([1, 0], [known, partial])).toBeNull();
  expect(await best([1, 0], [partial])).toBeNull();
  expect(reads.slice(1)).toEqual([["Refunds take a week."], ["Refunds take a week."]]);
});
