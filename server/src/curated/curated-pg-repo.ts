import { and, asc, eq, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { curatedAnswers } from "../db/pg-schema";
import type { CuratedFields, CuratedRepo } from "./curated-repo";

type Executor = Pick<PgDb, "select" | "insert" | "update">;

const find = async (executor: Executor, businessId: number, id: number) =>
  Number.isSafeInteger(id)
    ? (
        await executor
          .select()
          .from(curatedAnswers)
          .where(and(eq(curatedAnswers.businessId, businessId), eq(curatedAnswers.id, id)))
      )[0]
    : undefined;

const insert = async (executor: Executor, businessId: number, fields: CuratedFields, now: string) =>
  (
    await executor
      .insert(curatedAnswers)
      .values({ businessId, ...fields, createdAt: now, updatedAt: now })
      .returning()
  )[0]!;

const update = async (executor: Executor, id: number, fields: Partial<CuratedFields>, now: string) =>
  (
    await executor
      .update(curatedAnswers)
      .set({ ...fields, updatedAt: now })
      .where(eq(curatedAnswers.id, id))
      .returning()
  )[0]!;

/** Curated answers on PostgreSQL. */
export function pgCuratedRepo(db: PgDb): CuratedRepo {
  return {
    listCuratedRows: (businessId) =>
      db
        .select()
        .from(curatedAnswers)
        .where(eq(curatedAnswers.businessId, businessId))
        .orderBy(asc(curatedAnswers.id)),
    countCuratedRows: async (businessId) =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(curatedAnswers)
          .where(eq(curatedAnswers.businessId, businessId))
      )[0]?.n ?? 0,
    findCuratedRow: (businessId, id) => find(db, businessId, id),
    insertCurated: (businessId, fields, now) => insert(db, businessId, fields, now),
    updateCurated: (id, fields, now) => update(db, id, fields, now),
    deleteCurated: async (businessId, id) =>
      (
        await db
          .delete(curatedAnswers)
          .where(and(eq(curatedAnswers.businessId, businessId), eq(curatedAnswers.id, id)))
          .returning({ id: curatedAnswers.id })
      ).length > 0,
    countCuratedUse: async (id) => {
      await db
        .update(curatedAnswers)
        .set({ uses: sql`${curatedAnswers.uses} + 1` })
        .where(eq(curatedAnswers.id, id));
    },
    importCurated: (businessId, entries, now) =>
      db.transaction(async (tx) => {
        for (const entry of entries) {
          const existing = await find(tx, businessId, entry.id);
          if (existing) await update(tx, existing.id, entry.fields, now);
          else await insert(tx, businessId, entry.fields, now);
        }
      }),
  };
}
