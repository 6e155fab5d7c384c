import type { Embedder } from "../providers/embedder";
import type { RankedChunk } from "../rag/search-chunks";

/**
 * The question's vector and one per chunk heading, for the answerer. A heading that the store holds
 * as a row of its own comes with its stored vector (`headingVector`); only the rest are embedded, in
 * one call with the question, at query priority (a cached embedder answers the question from the
 * search that just embedded it).
 */
export async function questionAndHeadingVectors(
  embedder: Embedder,
  question: string,
  chunks: RankedChunk[],
  headings: string[],
): Promise<{ question: number[]; headings: number[][] }> {
  const missing = chunks.flatMap((chunk, i) => (chunk.headingVector ? [] : [headings[i]!]));
  const [questionVector, ...embedded] = await embedder.embed([question, ...missing], { priority: "query" });
  let next = 0;
  return {
    question: questionVector!,
    headings: chunks.map((chunk) =>
      chunk.headingVector ? Array.from(chunk.headingVector) : embedded[next++]!,
    ),
  };
}
