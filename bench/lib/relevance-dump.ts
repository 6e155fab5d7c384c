// The parts of the relevance dumps (bench/relevance-features.ts, relevance-sentence-features.ts)
// that their separation studies read alike: a business's term counts and its retrieved chunks.
import type { RankedChunk } from "../../server/src/rag/search-chunks";
import type { TermStats } from "../../server/src/rag/term-stats";

/** A retrieved chunk as dumped: what the chat's evidence reads of it. */
export interface DumpedChunkSignals {
  doc: string;
  heading: string;
  text: string;
  sim: number;
  score: number;
  textScore: number;
}

/** A retrieved chunk's signals as the dumps write them, in search's order (`rank`). */
export const dumpedSignals = (c: RankedChunk, rank: number) => ({
  rank,
  doc: c.documentName,
  heading: c.heading,
  sim: c.similarity,
  text: c.text,
  textScore: c.textScore,
  score: c.score,
});

/** The business's chunk frequencies, as dumped, read as the store's term stats. */
export function statsOf(dump: { chunks: number; df: Record<string, number> }): TermStats {
  return {
    chunks: dump.chunks,
    frequency: (term) => dump.df[term] ?? 0,
    entries: () => Object.entries(dump.df),
  };
}

/** A dumped chunk as search returned it. */
export const asRanked = (c: DumpedChunkSignals, chunkIndex: number): RankedChunk => ({
  documentId: 1,
  documentName: c.doc,
  chunkIndex,
  heading: c.heading,
  page: 0,
  text: c.text,
  score: c.score,
  similarity: c.sim,
  textScore: c.textScore,
});
