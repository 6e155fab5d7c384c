import { and, eq } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { testSessions } from "../db/pg-schema";
import type { TestSessionRepo } from "./test-sessions";

/** The owner's test conversations on PostgreSQL. */
export function pgTestSessionRepo(db: PgDb): TestSessionRepo {
  return {
    markTestSession: async (businessId, sessionId, now) => {
      await db.insert(testSessions).values({ businessId, sessionId, createdAt: now }).onConflictDoNothing();
    },
    isTestSession: async (businessId, sessionId) =>
      (
        await db
          .select({ id: testSessions.sessionId })
          .from(testSessions)
          .where(and(eq(testSessions.businessId, businessId), eq(testSessions.sessionId, sessionId)))
      ).length > 0,
  };
}
