import type { Document, DocumentStatus, DocumentType } from "@supportal/shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { businesses, documents } from "../db/schema";

export type DocumentRow = typeof documents.$inferSelect;

export function toDocument(row: DocumentRow): Document {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    size: row.size,
    status: row.status,
    chunkCount: row.chunkCount,
    ...(row.pageCount != null ? { pageCount: row.pageCount } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(documentTitle(row) ? { title: documentTitle(row), titleEdited: row.title != null } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What citations call a document: the owner's title, else its first heading. */
export function documentTitle(row: Pick<DocumentRow, "title" | "extractedTitle">): string | undefined {
  return row.title ?? row.extractedTitle ?? undefined;
}

/** Titles of the given documents of a business, for citations made from search results. */
export function documentTitles(db: Db, businessId: number, ids: number[]): Map<number, string> {
  // Read for every stored answer: one prepared statement per document, not a new `in (...)` each time.
  const titleOf = prepared(db, "documentTitle", (d) =>
    d
      .select({ title: documents.title, extractedTitle: documents.extractedTitle })
      .from(documents)
      .where(
        and(eq(documents.businessId, sql.placeholder("businessId")), eq(documents.id, sql.placeholder("id"))),
      )
      .prepare(),
  );
  const titles = new Map<number, string>();
  for (const id of ids) {
    const row = titleOf.get({ businessId, id });
    const title = row && documentTitle(row);
    if (title) titles.set(id, title);
  }
  return titles;
}

export function setDocumentTitle(db: Db, id: number, title: string | null, now: string): DocumentRow {
  return db.update(documents).set({ title, updatedAt: now }).where(eq(documents.id, id)).returning().get()!;
}

export function findDocumentRow(db: Db, businessId: number, id: number): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.businessId, businessId), eq(documents.id, id)))
    .get();
}

export function findDocumentBySha(db: Db, businessId: number, sha256: string): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.businessId, businessId), eq(documents.sha256, sha256)))
    .get();
}

export function listDocumentRows(db: Db, businessId: number): DocumentRow[] {
  return db
    .select()
    .from(documents)
    .where(eq(documents.businessId, businessId))
    .orderBy(asc(documents.id))
    .all();
}

/** Inserts a document, unless the business already has these bytes: then that one, as `duplicate`. */
export function insertDocument(
  db: Db,
  input: { businessId: number; name: string; type: DocumentType; size: number; sha256: string; now: string },
): { row: DocumentRow; duplicate: boolean } {
  return db.transaction(() => {
    const existing = findDocumentBySha(db, input.businessId, input.sha256);
    if (existing) return { row: existing, duplicate: true };
    const row = db
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
      .returning()
      .get();
    return { row, duplicate: false };
  });
}

export function setDocumentStatus(
  db: Db,
  id: number,
  change: {
    status: DocumentStatus;
    now: string;
    error?: string | null;
    chunkCount?: number;
    pageCount?: number | null;
    extractedTitle?: string | null;
  },
): void {
  db.update(documents)
    .set({
      status: change.status,
      updatedAt: change.now,
      error: change.error ?? null,
      ...(change.chunkCount !== undefined ? { chunkCount: change.chunkCount } : {}),
      ...(change.pageCount !== undefined ? { pageCount: change.pageCount } : {}),
      ...(change.extractedTitle !== undefined ? { extractedTitle: change.extractedTitle } : {}),
    })
    .where(eq(documents.id, id))
    .run();
}

/** Marks the start of one ingestion attempt, counted before any work so a crash still counts; returns the count. */
export function startIngestAttempt(db: Db, id: number, now: string): number {
  const row = db
    .update(documents)
    .set({
      status: "processing",
      error: null,
      ingestAttempts: sql`${documents.ingestAttempts} + 1`,
      updatedAt: now,
    })
    .where(eq(documents.id, id))
    .returning({ attempts: documents.ingestAttempts })
    .get();
  return row?.attempts ?? 0;
}

/** Undoes `startIngestAttempt` for an attempt the server stopped on purpose: it did not fail. */
export function releaseIngestAttempt(db: Db, id: number, now: string): void {
  db.update(documents)
    .set({ status: "pending", ingestAttempts: sql`max(${documents.ingestAttempts} - 1, 0)`, updatedAt: now })
    .where(eq(documents.id, id))
    .run();
}

export function deleteDocumentRow(db: Db, id: number): void {
  db.delete(documents).where(eq(documents.id, id)).run();
}

/** Jobs to (re)start after a restart: pending ones and those a crash interrupted. */
export function listUnfinishedDocuments(db: Db): DocumentRow[] {
  return db
    .select()
    .from(documents)
    .where(inArray(documents.status, ["pending", "processing"]))
    .orderBy(asc(documents.id))
    .all();
}

export function findDocumentById(db: Db, id: number): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.id, id)).get();
}

/**
 * Puts a new version's file in place of document `id` (same id, back to `pending`), unless another
 * document of the business already holds these bytes: checked and written in one transaction.
 */
export function replaceDocumentVersion(
  db: Db,
  input: {
    businessId: number;
    id: number;
    name: string;
    type: DocumentType;
    size: number;
    sha256: string;
    now: string;
  },
): { row: DocumentRow } | { twin: DocumentRow } {
  return db.transaction(() => {
    const twin = findDocumentBySha(db, input.businessId, input.sha256);
    if (twin && twin.id !== input.id) return { twin };
    const row = db
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
      .returning()
      .get()!;
    return { row };
  });
}

/** A business whose vectors came from another model: every document pending again, no model recorded. */
export function requeueForReembedding(db: Db, businessId: number, now: string): void {
  db.transaction((tx) => {
    tx.update(documents)
      .set({ status: "pending", chunkCount: 0, ingestAttempts: 0, updatedAt: now })
      .where(eq(documents.businessId, businessId))
      .run();
    tx.update(businesses).set({ embeddingModel: null }).where(eq(businesses.id, businessId)).run();
  });
}

export const documentQueries = {
  replaceDocumentVersion,
  requeueForReembedding,
  documentTitles,
  setDocumentTitle,
  findDocumentRow,
  findDocumentBySha,
  listDocumentRows,
  insertDocument,
  setDocumentStatus,
  startIngestAttempt,
  releaseIngestAttempt,
  deleteDocumentRow,
  listUnfinishedDocuments,
  findDocumentById,
};
export type DocumentRepo = AsyncRepo<typeof documentQueries>;
