import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { isUniqueViolation } from "../db/pg-errors";
import { businesses, documents } from "../db/pg-schema";
import { type DocumentRepo, type DocumentRow, documentTitle } from "./document-repo";

/** The document repository on PostgreSQL. */
export function pgDocumentRepo(db: PgDb): DocumentRepo {
  const findBySha = async (executor: Pick<PgDb, "select">, businessId: number, sha256: string) =>
    (
      await executor
        .select()
        .from(documents)
        .where(and(eq(documents.businessId, businessId), eq(documents.sha256, sha256)))
    )[0];

  const replaceVersion = (input: Parameters<DocumentRepo["replaceDocumentVersion"]>[0]) =>
    db.transaction(async (tx): Promise<{ row: DocumentRow } | { twin: DocumentRow }> => {
      // The row is locked first, so a parallel replace of the same document waits for this one.
      await tx.execute(sql`select id from documents where id = ${input.id} for update`);
      const twin = await findBySha(tx, input.businessId, input.sha256);
      if (twin && twin.id !== input.id) return { twin };
      const [row] = await tx
        .update(documents)
        .set({
          name: input.name,
          type: input.type,
          size: input.size,
          sha256: input.sha256,
          status: "pending",
          error: null,
          chunkCount: 0,
          pageCount: null,
          ingestAttempts: 0,
          updatedAt: input.now,
        })
        .where(and(eq(documents.businessId, input.businessId), eq(documents.id, input.id)))
        .returning();
      return { row: row! };
    });

  return {
    documentTitles: async (businessId, ids) => {
      const titles = new Map<number, string>();
      if (ids.length === 0) return titles;
      const rows = await db
        .select({ id: documents.id, title: documents.title, extractedTitle: documents.extractedTitle })
        .from(documents)
        .where(and(eq(documents.businessId, businessId), inArray(documents.id, ids)));
      for (const row of rows) {
        const title = documentTitle(row);
        if (title) titles.set(row.id, title);
      }
      return titles;
    },
    setDocumentTitle: async (id, title, now) =>
      (await db.update(documents).set({ title, updatedAt: now }).where(eq(documents.id, id)).returning())[0]!,
    findDocumentRow: async (businessId, id) =>
      (
        await db
          .select()
          .from(documents)
          .where(and(eq(documents.businessId, businessId), eq(documents.id, id)))
      )[0],
    findDocumentBySha: (businessId, sha256) => findBySha(db, businessId, sha256),
    listDocumentRows: (businessId) =>
      db.select().from(documents).where(eq(documents.businessId, businessId)).orderBy(asc(documents.id)),
    insertDocument: async (input) => {
      // The unique (business, sha256) index decides between parallel uploads of the same bytes.
      const [row] = await db
        .insert(documents)
        .values({
          businessId: input.businessId,
          name: input.name,
          type: input.type,
          size: input.size,
          sha256: input.sha256,
          status: "pending",
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing({ target: [documents.businessId, documents.sha256] })
        .returning();
      if (row) return { row, duplicate: false };
      return { row: (await findBySha(db, input.businessId, input.sha256))!, duplicate: true };
    },
    setDocumentStatus: async (id, change) => {
      await db
        .update(documents)
        .set({
          status: change.status,
          updatedAt: change.now,
          error: change.error ?? null,
          ...(change.chunkCount !== undefined ? { chunkCount: change.chunkCount } : {}),
          ...(change.pageCount !== undefined ? { pageCount: change.pageCount } : {}),
          ...(change.extractedTitle !== undefined ? { extractedTitle: change.extractedTitle } : {}),
        })
        .where(eq(documents.id, id));
    },
    startIngestAttempt: async (id, now) => {
      const [row] = await db
        .update(documents)
        .set({
          status: "processing",
          error: null,
          ingestAttempts: sql`${documents.ingestAttempts} + 1`,
          updatedAt: now,
        })
        .where(eq(documents.id, id))
        .returning({ attempts: documents.ingestAttempts });
      return row?.attempts ?? 0;
    },
    releaseIngestAttempt: async (id, now) => {
      await db
        .update(documents)
        .set({
          status: "pending",
          ingestAttempts: sql`greatest(${documents.ingestAttempts} - 1, 0)`,
          updatedAt: now,
        })
        .where(eq(documents.id, id));
    },
    deleteDocumentRow: async (id) => {
      await db.delete(documents).where(eq(documents.id, id));
    },
    listUnfinishedDocuments: () =>
      db
        .select()
        .from(documents)
        .where(inArray(documents.status, ["pending", "processing"]))
        .orderBy(asc(documents.id)),
    findDocumentById: async (id) => (await db.select().from(documents).where(eq(documents.id, id)))[0],
    replaceDocumentVersion: (input) =>
      replaceVersion(input).catch(async (error: unknown) => {
        // Another document took these bytes between the check and the write: that one is the twin.
        if (!isUniqueViolation(error)) throw error;
        return { twin: (await findBySha(db, input.businessId, input.sha256))! };
      }),
    requeueForReembedding: (businessId, now) =>
      db.transaction(async (tx) => {
        await tx
          .update(documents)
          .set({ status: "pending", chunkCount: 0, ingestAttempts: 0, updatedAt: now })
          .where(eq(documents.businessId, businessId));
        await tx.update(businesses).set({ embeddingModel: null }).where(eq(businesses.id, businessId));
      }),
  };
}
