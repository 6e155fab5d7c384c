import type { Embedder } from "../providers/embedder";
import type { StoredHit, VectorStore } from "./vector-store";

export interface RankedChunk {
  documentId: number;
  documentName: string;
  chunkIndex: number;
  heading: string;
  page: number;
  text: string;
  /** Fused rank score (reciprocal rank fusion); only the order is meaningful. */
  score: number;
  /** Best cosine similarity of any of the chunk's windows, 0 when vector search did not find it. */
  similarity: number;
  /** BM25 score, 0 when full-text search did not find it. */
  textScore: number;
}

export type SearchMode = "hybrid" | "vector" | "text";

// Reciprocal rank fusion's usual constant: damps the head so two lists vote fairly.
const RRF_K = 60;

const chunkKey = (hit: { documentId: number; chunkIndex: number }) => `${hit.documentId}:${hit.chunkIndex}`;

/** Best window per chunk, in order of first appearance (the store returns best first). */
function bestPerChunk(hits: StoredHit[]): StoredHit[] {
  const seen = new Map<string, StoredHit>();
  for (const hit of hits) if (!seen.has(chunkKey(hit))) seen.set(chunkKey(hit), hit);
  return [...seen.values()];
}

/** Hybrid retrieval over one business's chunks: vector and full-text lists fused by rank. */
export async function searchChunks(
  deps: { embedder: Embedder; store: VectorStore },
  input: { businessId: number; query: string; k: number; mode?: SearchMode },
): Promise<RankedChunk[]> {
  const mode = input.mode ?? "hybrid";
  const [vectorHits, textHits] = await Promise.all([
    mode === "text" ? [] : vectorCandidates(deps, input),
    mode === "vector" ? [] : deps.store.textSearch(input.businessId, input.query, Math.max(20, input.k * 4)),
  ]);
  const fused = new Map<string, RankedChunk>();
  const vote = (list: StoredHit[], field: "similarity" | "textScore") => {
    list.forEach((hit, rank) => {
      const key = chunkKey(hit);
      const entry =
        fused.get(key) ??
        ({
          documentId: hit.documentId,
          documentName: hit.documentName,
          chunkIndex: hit.chunkIndex,
          heading: hit.heading,
          page: hit.page,
          text: hit.text,
          score: 0,
          similarity: 0,
          textScore: 0,
        } satisfies RankedChunk);
      entry.score += 1 / (RRF_K + rank + 1);
      entry[field] = Math.max(entry[field], hit.score);
      fused.set(key, entry);
    });
  };
  vote(vectorHits, "similarity");
  vote(textHits, "textScore");
  return [...fused.values()].sort((a, b) => b.score - a.score).slice(0, input.k);
}

async function vectorCandidates(
  deps: { embedder: Embedder; store: VectorStore },
  input: { businessId: number; query: string; k: number },
): Promise<StoredHit[]> {
  if ((await deps.store.countRows(input.businessId)) === 0) return [];
  const [vector] = await deps.embedder.embed([input.query]);
  const windows = await deps.store.vectorSearch(input.businessId, vector!, Math.max(60, input.k * 12));
  return bestPerChunk(windows);
}
