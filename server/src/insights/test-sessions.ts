import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { testSessions } from "../db/schema";

/** Marks a conversation as the owner's own test ("Try it"): left out of insights, gaps and the review queue. */
export function markTestSession(db: Db, businessId: number, sessionId: string, now: string): void {
  db.insert(testSessions).values({ businessId, sessionId, createdAt: now }).onConflictDoNothing().run();
}

export function isTestSession(db: Db, businessId: number, sessionId: string): boolean {
  return Boolean(
    db
      .select({ id: testSessions.sessionId })
      .from(testSessions)
      .where(and(eq(testSessions.businessId, businessId), eq(testSessions.sessionId, sessionId)))
      .get(),
  );
}

export function countTestSessions(db: Db, businessId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(testSessions)
      .where(eq(testSessions.businessId, businessId))
      .get()?.n ?? 0
  );
}

/** A SQL condition: the session column `column` is not one of the business's test conversations. */
export function notTestSession(businessId: number, column: SQL): SQL {
  return sql`${column} not in (select t.session_id from test_sessions t where t.business_id = ${businessId})`;
}

export const testSessionQueries = { markTestSession, isTestSession };
export type TestSessionRepo = AsyncRepo<typeof testSessionQueries>;
