import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { sentenceVectors } from "../db/schema";

/** One sentence of one document, as the answerer embeds it. */
export interface SentenceKey {
  documentId: number;
  /** `hashSentence` of its text. */
  textHash: string;
}

/** Stored sentence vectors of the offline answerer, per document and model (see `sentenceVectors` in the schema). */
export interface SentenceVectorRepo {
  /** The stored vector of each key, in order; undefined where none is stored. */
  find(embedderId: string, keys: SentenceKey[]): Promise<(Float32Array | undefined)[]>;
  /** The hashes stored for a document by this model. */
  hashesOf(documentId: number, embedderId: string): Promise<Set<string>>;
  /** Stores vectors; one already stored for a key is kept. */
  save(embedderId: string, rows: (SentenceKey & { vector: ArrayLike<number> })[]): Promise<void>;
  /** Deletes the document's vectors except this model's for these hashes (an older version's sentences, another model's). */
  keepOnly(documentId: number, embedderId: string, hashes: Set<string>): Promise<void>;
}

export function hashSentence(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

export function createSqliteSentenceVectorRepo(db: Db): SentenceVectorRepo {
  const findOne = () =>
    prepared(db, "sentence-vectors.find", (d) =>
      d
        .select({ vector: sentenceVectors.vector })
        .from(sentenceVectors)
        .where(
          and(
            eq(sentenceVectors.documentId, sql.placeholder("documentId")),
            eq(sentenceVectors.embedderId, sql.placeholder("embedderId")),
            eq(sentenceVectors.textHash, sql.placeholder("textHash")),
          ),
        )
        .prepare(),
    );
  const stored = (documentId: number) =>
    db
      .select({ embedderId: sentenceVectors.embedderId, textHash: sentenceVectors.textHash })
      .from(sentenceVectors)
      .where(eq(sentenceVectors.documentId, documentId))
      .all();
  return {
    async find(embedderId, keys) {
      const statement = findOne();
      return keys.map((key) => {
        const row = statement.get({ ...key, embedderId });
        return row ? toFloats(row.vector) : undefined;
      });
    },
    async hashesOf(documentId, embedderId) {
      return new Set(
        stored(documentId).flatMap((row) => (row.embedderId === embedderId ? [row.textHash] : [])),
      );
    },
    async save(embedderId, rows) {
      if (rows.length === 0) return;
      db.insert(sentenceVectors)
        .values(
          rows.map((row) => ({
            documentId: row.documentId,
            embedderId,
            textHash: row.textHash,
            vector: Buffer.from(Float32Array.from(row.vector).buffer),
          })),
        )
        .onConflictDoNothing()
        .run();
    },
    async keepOnly(documentId, embedderId, hashes) {
      const stale = stored(documentId).filter(
        (row) => row.embedderId !== embedderId || !hashes.has(row.textHash),
      );
      if (stale.length === 0) return;
      db.transaction((tx) => {
        for (const row of stale) {
          tx.delete(sentenceVectors)
            .where(
              and(
                eq(sentenceVectors.documentId, documentId),
                eq(sentenceVectors.embedderId, row.embedderId),
                eq(sentenceVectors.textHash, row.textHash),
              ),
            )
            .run();
        }
      });
    },
  };
}

/** A copy: SQLite's buffer need not be aligned for a Float32Array view. */
function toFloats(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
