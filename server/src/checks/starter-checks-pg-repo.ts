import { and, asc, eq } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { checkSuggestions, documents } from "../db/pg-schema";
import { insertCheckPg, listCheckRowsPg } from "./checks-pg-repo";
import type { SuggestionRepo } from "./starter-checks";

type Executor = Pick<PgDb, "delete">;

const take = async (executor: Executor, businessId: number, id: number) =>
  (
    await executor
      .delete(checkSuggestions)
      .where(and(eq(checkSuggestions.businessId, businessId), eq(checkSuggestions.id, id)))
      .returning()
  )[0];

/** Starter checks on PostgreSQL. */
export function pgSuggestionRepo(db: PgDb): SuggestionRepo {
  return {
    storeSuggestions: (doc, questions, now) =>
      db.transaction(async (tx) => {
        await tx.delete(checkSuggestions).where(eq(checkSuggestions.documentId, doc.id));
        if (questions.length === 0) return;
        await tx
          .insert(checkSuggestions)
          .values(
            questions.map((question) => ({
              businessId: doc.businessId,
              documentId: doc.id,
              question,
              createdAt: now,
            })),
          )
          .onConflictDoNothing();
      }),
    listSuggestions: async (businessId) => {
      const taken = new Set((await listCheckRowsPg(db, businessId)).map((check) => check.question));
      const rows = await db
        .select({
          id: checkSuggestions.id,
          question: checkSuggestions.question,
          documentId: documents.id,
          documentName: documents.name,
        })
        .from(checkSuggestions)
        .innerJoin(documents, eq(documents.id, checkSuggestions.documentId))
        .where(eq(checkSuggestions.businessId, businessId))
        .orderBy(asc(checkSuggestions.id));
      return rows
        .filter((row) => !taken.has(row.question))
        .map((row) => ({
          id: row.id,
          question: row.question,
          expect: { documentId: row.documentId },
          documentName: row.documentName,
        }));
    },
    takeSuggestion: (businessId, id) => take(db, businessId, id),
    adoptSuggestion: (businessId, id, input, now) =>
      db.transaction(async (tx) => {
        if (!(await take(tx, businessId, id))) return undefined;
        return insertCheckPg(tx, businessId, input, now);
      }),
  };
}
