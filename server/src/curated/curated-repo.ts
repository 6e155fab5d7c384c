import type { CuratedAnswer } from "@supportal/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { curatedAnswers } from "../db/schema";

export type CuratedRow = typeof curatedAnswers.$inferSelect;

export function toCuratedAnswer(row: CuratedRow): CuratedAnswer {
  return {
    id: row.id,
    question: row.question,
    variants: row.variants,
    answer: row.answer,
    documentId: row.documentId,
    uses: row.uses,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function listCuratedRows(db: Db, businessId: number): CuratedRow[] {
  return db
    .select()
    .from(curatedAnswers)
    .where(eq(curatedAnswers.businessId, businessId))
    .orderBy(asc(curatedAnswers.id))
    .all();
}

export function countCuratedRows(db: Db, businessId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(curatedAnswers)
      .where(eq(curatedAnswers.businessId, businessId))
      .get()?.n ?? 0
  );
}

export function findCuratedRow(db: Db, businessId: number, id: number): CuratedRow | undefined {
  return db
    .select()
    .from(curatedAnswers)
    .where(and(eq(curatedAnswers.businessId, businessId), eq(curatedAnswers.id, id)))
    .get();
}

export interface CuratedFields {
  question: string;
  variants: string[];
  answer: string;
  documentId: number | null;
}

export function insertCurated(db: Db, businessId: number, fields: CuratedFields, now: string): CuratedRow {
  return db
    .insert(curatedAnswers)
    .values({ businessId, ...fields, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function updateCurated(db: Db, id: number, fields: Partial<CuratedFields>, now: string): CuratedRow {
  return db
    .update(curatedAnswers)
    .set({ ...fields, updatedAt: now })
    .where(eq(curatedAnswers.id, id))
    .returning()
    .get()!;
}

export function deleteCurated(db: Db, businessId: number, id: number): boolean {
  const gone = db
    .delete(curatedAnswers)
    .where(and(eq(curatedAnswers.businessId, businessId), eq(curatedAnswers.id, id)))
    .returning({ id: curatedAnswers.id })
    .all();
  return gone.length > 0;
}

export function countCuratedUse(db: Db, id: number): void {
  db.update(curatedAnswers)
    .set({ uses: sql`${curatedAnswers.uses} + 1` })
    .where(eq(curatedAnswers.id, id))
    .run();
}

/** Stores an import in one transaction: a row naming an id of the business updates it, any other is new. */
export function importCurated(
  db: Db,
  businessId: number,
  entries: { id: number; fields: CuratedFields }[],
  now: string,
): void {
  db.transaction(() => {
    for (const entry of entries) {
      const existing = findCuratedRow(db, businessId, entry.id);
      if (existing) updateCurated(db, existing.id, entry.fields, now);
      else insertCurated(db, businessId, entry.fields, now);
    }
  });
}

export const curatedQueries = {
  importCurated,
  listCuratedRows,
  countCuratedRows,
  findCuratedRow,
  insertCurated,
  updateCurated,
  deleteCurated,
  countCuratedUse,
};
export type CuratedRepo = AsyncRepo<typeof curatedQueries>;
