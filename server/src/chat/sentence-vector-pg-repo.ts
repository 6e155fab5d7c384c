import { and, eq, inArray } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { sentenceVectors } from "../db/pg-schema";
import type { SentenceVectorRepo } from "./sentence-vector-repo";

/** The offline answerer's sentence vectors on PostgreSQL. */
export function pgSentenceVectorRepo(db: PgDb): SentenceVectorRepo {
  const stored = (documentId: number) =>
    db
      .select({ embedderId: sentenceVectors.embedderId, textHash: sentenceVectors.textHash })
      .from(sentenceVectors)
      .where(eq(sentenceVectors.documentId, documentId));
  return {
    async find(embedderId, keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .select({
          documentId: sentenceVectors.documentId,
          textHash: sentenceVectors.textHash,
          vector: sentenceVectors.vector,
        })
        .from(sentenceVectors)
        .where(
          and(
            eq(sentenceVectors.embedderId, embedderId),
            inArray(sentenceVectors.documentId, [...new Set(keys.map((key) => key.documentId))]),
            inArray(sentenceVectors.textHash, [...new Set(keys.map((key) => key.textHash))]),
          ),
        );
      const byKey = new Map(rows.map((row) => [`${row.documentId}|${row.textHash}`, row.vector]));
      return keys.map((key) => {
        const bytes = byKey.get(`${key.documentId}|${key.textHash}`);
        return bytes ? toFloats(bytes) : undefined;
      });
    },
    async hashesOf(documentId, embedderId) {
      return new Set(
        (await stored(documentId)).flatMap((row) => (row.embedderId === embedderId ? [row.textHash] : [])),
      );
    },
    async save(embedderId, rows) {
      if (rows.length === 0) return;
      await db
        .insert(sentenceVectors)
        .values(
          rows.map((row) => ({
            documentId: row.documentId,
            embedderId,
            textHash: row.textHash,
            vector: Buffer.from(Float32Array.from(row.vector).buffer),
          })),
        )
        .onConflictDoNothing();
    },
    async keepOnly(documentId, embedderId, hashes) {
      const stale = (await stored(documentId)).filter(
        (row) => row.embedderId !== embedderId || !hashes.has(row.textHash),
      );
      if (stale.length === 0) return;
      await db.transaction(async (tx) => {
        for (const row of stale) {
          await tx
            .delete(sentenceVectors)
            .where(
              and(
                eq(sentenceVectors.documentId, documentId),
                eq(sentenceVectors.embedderId, row.embedderId),
                eq(sentenceVectors.textHash, row.textHash),
              ),
            );
        }
      });
    },
  };
}

/** A copy: the driver's buffer need not be aligned for a Float32Array view. */
function toFloats(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
