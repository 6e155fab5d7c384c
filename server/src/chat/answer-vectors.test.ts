import { expect, test } from "bun:test";
import type { Embedder } from "../providers/embedder";
import type { RankedChunk } from "../rag/search-chunks";
import { questionAndHeadingVectors } from "./answer-vectors";

const chunk = (heading: string, headingVector?: number[]): RankedChunk => ({
  documentId: 1,
  documentName: "help.md",
  chunkIndex: 0,
  heading,
  page: 0,
  text: "text",
  score: 0,
  similarity: 0,
  textScore: 0,
  ...(headingVector ? { headingVector } : {}),
});

test("stored heading vectors are used as they are; only the question and the rest are embedded", async () => {
  const calls: string[][] = [];
  const embedder: Embedder = {
    id: "recording",
    async embed(texts) {
      calls.push(texts);
      return texts.map((text) => [text.length]);
    },
  };
  const chunks = [chunk("Returns", [0.5]), chunk("Shipping"), chunk("Payment", [0.25])];
  const vectors = await questionAndHeadingVectors(embedder, "refund?", chunks, [
    "Returns",
    "Shipping",
    "Payment",
  ]);
  expect(calls).toEqual([["refund?", "Shipping"]]);
  expect(vectors).toEqual({ question: [7], headings: [[0.5], [8], [0.25]] });
});
