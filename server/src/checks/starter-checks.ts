import type { CheckExpect, CheckSuggestion } from "@supportal/shared";
import { and, asc, eq } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { checkSuggestions, documents } from "../db/schema";
import type { Chunk } from "../rag/chunk";
import { insertCheck, listCheckRows } from "./checks-repo";

/** A handful per document: enough to start with, few enough to read. */
const SUGGESTIONS_PER_DOCUMENT = 5;

/** "2.1. What is the latest version?" → "What is the latest version?"; null for a heading that asks nothing. */
export function questionOfHeading(heading: string): string | null {
  const text = heading
    .replace(/^\s*(?:[\dIVXivx]+[.)]?\s*)+(?=\S)/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!text.endsWith("?") || text.length < 10 || text.length > 200) return null;
  return text;
}

/** The questions a document's section headings ask, in document order, each once. */
export function headingQuestions(chunks: Pick<Chunk, "heading">[]): string[] {
  const seen = new Set<string>();
  for (const chunk of chunks) {
    const question = chunk.heading ? questionOfHeading(chunk.heading) : null;
    if (question) seen.add(question);
    if (seen.size >= SUGGESTIONS_PER_DOCUMENT) break;
  }
  return [...seen];
}

/** Stores a ready document's starter checks, replacing the ones of its previous version. */
export function storeSuggestions(
  db: Db,
  doc: { businessId: number; id: number },
  questions: string[],
  now: string,
): void {
  db.transaction((tx) => {
    tx.delete(checkSuggestions).where(eq(checkSuggestions.documentId, doc.id)).run();
    for (const question of questions) {
      tx.insert(checkSuggestions)
        .values({ businessId: doc.businessId, documentId: doc.id, question, createdAt: now })
        .onConflictDoNothing()
        .run();
    }
  });
}

/** Suggestions still open: not yet a check of the business. */
export function listSuggestions(db: Db, businessId: number): CheckSuggestion[] {
  const taken = new Set(listCheckRows(db, businessId).map((check) => check.question));
  return db
    .select({
      id: checkSuggestions.id,
      question: checkSuggestions.question,
      documentId: documents.id,
      documentName: documents.name,
    })
    .from(checkSuggestions)
    .innerJoin(documents, eq(documents.id, checkSuggestions.documentId))
    .where(eq(checkSuggestions.businessId, businessId))
    .orderBy(asc(checkSuggestions.id))
    .all()
    .filter((row) => !taken.has(row.question))
    .map((row) => ({
      id: row.id,
      question: row.question,
      expect: { documentId: row.documentId },
      documentName: row.documentName,
    }));
}

export function takeSuggestion(db: Db, businessId: number, id: number) {
  return db
    .delete(checkSuggestions)
    .where(and(eq(checkSuggestions.businessId, businessId), eq(checkSuggestions.id, id)))
    .returning()
    .get();
}

/** Turns an open suggestion into a check, in one transaction; undefined when it is gone. */
export function adoptSuggestion(
  db: Db,
  businessId: number,
  id: number,
  input: { question: string; expect: CheckExpect },
  now: string,
) {
  return db.transaction(() => {
    if (!takeSuggestion(db, businessId, id)) return undefined;
    return insertCheck(db, businessId, input, now);
  });
}

export const suggestionQueries = { storeSuggestions, listSuggestions, takeSuggestion, adoptSuggestion };
export type SuggestionRepo = AsyncRepo<typeof suggestionQueries>;
