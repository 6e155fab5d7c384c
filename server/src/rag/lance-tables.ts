import type { TableRow } from "./memory-table";
import type { ChunkRow } from "./vector-store";

/** A row found by one of LanceDB's indexes, by its key only: the texts are served from memory. */
export interface ScoredKey {
  documentId: number;
  chunkIndex: number;
  windowIndex: number;
  score: number;
}

/**
 * The table versions around one write: `from` the latest before it (null: no table yet), `to` the one it
 * committed. `to === from + 1` means no other writer committed in between (a new table: `from` null).
 */
export interface WriteVersions {
  from: number | null;
  to: number | null;
}

/** The durable side of the search store: LanceDB tables, one per business. */
export interface LanceTables {
  add(businessId: number, rows: ChunkRow[]): Promise<WriteVersions>;
  deleteDocument(businessId: number, documentId: number): Promise<WriteVersions>;
  dropBusiness(businessId: number): Promise<void>;
  countRows(businessId: number): Promise<number>;
  /** The newest committed version of the business's table, by any instance (null: no table). */
  latestVersion(businessId: number): Promise<number | null>;
  /**
   * Every row of a business, with vectors while rows × dimensions stay within `maxVectorCells`;
   * null when it has no table.
   */
  readRows(
    businessId: number,
    options: { maxVectorCells: number },
  ): Promise<{ dimensions: number; rows: TableRow[]; withVectors: boolean; version: number } | null>;
  /** Best first; `score` is cosine similarity. */
  vectorSearch(businessId: number, vector: number[], limit: number): Promise<ScoredKey[]>;
  /** Best first; `score` is BM25. */
  textSearch(businessId: number, query: string, limit: number): Promise<ScoredKey[]>;
  optimize(businessId: number): Promise<WriteVersions>;
  close(): Promise<void>;
}
