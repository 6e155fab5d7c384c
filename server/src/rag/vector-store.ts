import type { TermStats } from "./term-stats";

/** One embedded window of a chunk, as stored; `text` is always the whole chunk. */
export interface ChunkRow {
  documentId: number;
  documentName: string;
  chunkIndex: number;
  windowIndex: number;
  heading: string;
  page: number;
  text: string;
  /** What full-text search indexes: the chunk's heading and text on its first window, empty on others. */
  ftsText: string;
  vector: number[];
}

export type StoredHit = Omit<ChunkRow, "vector" | "ftsText"> & {
  score: number;
  /** The vector of the chunk's heading row, when the store holds vectors in memory (read only). */
  headingVector?: Float32Array;
};

/** Per-business chunk storage with vector and full-text search. */
export interface VectorStore {
  add(businessId: number, rows: ChunkRow[]): Promise<void>;
  deleteDocument(businessId: number, documentId: number): Promise<void>;
  dropBusiness(businessId: number): Promise<void>;
  /** Best first; `score` is cosine similarity. */
  vectorSearch(businessId: number, vector: number[], limit: number): Promise<StoredHit[]>;
  /** Best first; `score` is BM25. */
  textSearch(businessId: number, query: string, limit: number): Promise<StoredHit[]>;
  countRows(businessId: number): Promise<number>;
  /** How many of the business's chunks hold each content term (none counted when it has no table). */
  termStats(businessId: number): Promise<TermStats>;
  /** Merges new rows into the indexes and reclaims deleted ones; call after a batch of writes. */
  optimize(businessId: number): Promise<void>;
  close(): Promise<void>;
}
