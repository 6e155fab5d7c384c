import { and, asc, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { dailyUsage } from "../db/schema";

/** The UTC day of an ISO timestamp, `YYYY-MM-DD`. */
export const utcDay = (iso: string) => iso.slice(0, 10);

/** The counter keys of one customer: the whole business, their chat and their address. */
export const BUSINESS_VISITOR = "";
export const sessionVisitor = (sessionId: string) => `s:${sessionId}`;
export const ipVisitor = (ip: string) => `ip:${ip}`;

/** Counts one stored customer message; called inside the transaction that stores it. */
export function countCustomerMessage(
  db: Db,
  input: { businessId: number; sessionId: string; ip?: string; now: string },
) {
  const day = utcDay(input.now);
  const visitors = [BUSINESS_VISITOR, sessionVisitor(input.sessionId)];
  if (input.ip) visitors.push(ipVisitor(input.ip));
  const upsert = prepared(db, "countCustomerMessage", (d) =>
    d
      .insert(dailyUsage)
      .values({
        businessId: sql.placeholder("businessId"),
        day: sql.placeholder("day"),
        visitor: sql.placeholder("visitor"),
        messages: 1,
      })
      .onConflictDoUpdate({
        target: [dailyUsage.businessId, dailyUsage.day, dailyUsage.visitor],
        set: { messages: sql`${dailyUsage.messages} + 1` },
      })
      .prepare(),
  );
  for (const visitor of visitors) upsert.run({ businessId: input.businessId, day, visitor });
}

/** Today's counters of up to three visitors (0 where none yet); one prepared statement per turn. */
export function readUsage(db: Db, businessId: number, day: string, visitors: string[]): Map<string, number> {
  const [a = "", b = a, c = a] = visitors;
  const rows = prepared(db, "readUsage", (d) =>
    d
      .select({ visitor: dailyUsage.visitor, messages: dailyUsage.messages })
      .from(dailyUsage)
      .where(
        and(
          eq(dailyUsage.businessId, sql.placeholder("businessId")),
          eq(dailyUsage.day, sql.placeholder("day")),
          inArray(dailyUsage.visitor, [sql.placeholder("a"), sql.placeholder("b"), sql.placeholder("c")]),
        ),
      )
      .prepare(),
  ).all({ businessId, day, a, b, c });
  return new Map(rows.map((row) => [row.visitor, row.messages]));
}

/** The visitors who sent the most on `day`, for the owner to see who used the cap up. */
export function topVisitors(db: Db, businessId: number, day: string, limit = 6) {
  return db
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
    .limit(limit)
    .all();
}

/** Visitor counters of days before `day` serve no cap any more; the business's own rows stay. */
export function pruneVisitorUsage(db: Db, day: string) {
  db.delete(dailyUsage)
    .where(and(lt(dailyUsage.day, day), ne(dailyUsage.visitor, BUSINESS_VISITOR)))
    .run();
}

export const usageQueries = {
  readUsage,
  topVisitors,
  pruneVisitorUsage,
};
export type UsageRepo = AsyncRepo<typeof usageQueries>;
