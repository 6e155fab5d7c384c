import type { TableRow } from "./memory-table";
import type { ChunkRow } from "./vector-store";

/** A row found by one of LanceDB's indexes, by its key only: the texts are served from memory. */
export interface ScoredKey {
  documentId: number;
  chunkIndex: number;
  windowIndex: number;
  score: number;
}

/** The durable side of the search store: LanceDB tables, one per business. */
export interface LanceTables {
  add(businessId: number, rows: ChunkRow[]): Promise<void>;
  deleteDocument(businessId: number, documentId: number): Promise<void>;
  dropBusiness(businessId: number): Promise<void>;
  countRows(businessId: number): Promise<number>;
  /**
   * Every row of a business, with vectors while rows × dimensions stay within `maxVectorCells`;
   * null when it has no table.
   */
  readRows(
    businessId: number,
    options: { maxVectorCells: number },
  ): Promise<{ dimensions: number; rows: TableRow[]; withVectors: boolean } | null>;
  /** Best first; `score` is cosine similarity. */
  vectorSearch(businessId: number, vector: number[], limit: number): Promise<ScoredKey[]>;
  /** Best first; `score` is BM25. */
  textSearch(businessId: number, query: string, limit: number): Promise<ScoredKey[]>;
  optimize(businessId: number): Promise<void>;
  close(): Promise<void>;
}
