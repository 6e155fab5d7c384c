import { and, asc, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { dailyUsage } from "../db/pg-schema";
import { BUSINESS_VISITOR, ipVisitor, sessionVisitor, type UsageRepo, utcDay } from "./usage-repo";

type Executor = Pick<PgDb, "insert" | "select">;

/** Counts one stored customer message; called inside the transaction that stores it. */
export async function countCustomerMessagePg(
  tx: Executor,
  input: { businessId: number; sessionId: string; ip?: string; now: string },
) {
  const day = utcDay(input.now);
  const visitors = [BUSINESS_VISITOR, sessionVisitor(input.sessionId)];
  if (input.ip) visitors.push(ipVisitor(input.ip));
  await tx
    .insert(dailyUsage)
    .values(visitors.map((visitor) => ({ businessId: input.businessId, day, visitor, messages: 1 })))
    .onConflictDoUpdate({
      target: [dailyUsage.businessId, dailyUsage.day, dailyUsage.visitor],
      set: { messages: sql`${dailyUsage.messages} + 1` },
    });
}

/** The visitors who sent the most on `day`, for the owner to see who used the cap up. */
export function topVisitorsPg(executor: Executor, businessId: number, day: string, limit = 6) {
  return executor
    .select({ visitor: dailyUsage.visitor, messages: dailyUsage.messages })
    .from(dailyUsage)
    .where(
      and(
        eq(dailyUsage.businessId, businessId),
        eq(dailyUsage.day, day),
        ne(dailyUsage.visitor, BUSINESS_VISITOR),
      ),
    )
    .orderBy(desc(dailyUsage.messages), asc(dailyUsage.visitor))
    .limit(limit);
}

/** The daily counters on PostgreSQL. */
export function pgUsageRepo(db: PgDb): UsageRepo {
  return {
    readUsage: async (businessId, day, visitors) => {
      const rows = await db
        .select({ visitor: dailyUsage.visitor, messages: dailyUsage.messages })
        .from(dailyUsage)
        .where(
          and(
            eq(dailyUsage.businessId, businessId),
            eq(dailyUsage.day, day),
            inArray(dailyUsage.visitor, visitors.length ? visitors : [BUSINESS_VISITOR]),
          ),
        );
      return new Map(rows.map((row) => [row.visitor, row.messages]));
    },
    topVisitors: (businessId, day, limit) => topVisitorsPg(db, businessId, day, limit),
    pruneVisitorUsage: async (day) => {
      await db
        .delete(dailyUsage)
        .where(and(lt(dailyUsage.day, day), ne(dailyUsage.visitor, BUSINESS_VISITOR)));
    },
  };
}
