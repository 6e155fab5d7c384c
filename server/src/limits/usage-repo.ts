import { and, asc, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { dailyUsage } from "../db/schema";

/** The UTC day of an ISO timestamp, `YYYY-MM-DD`. */
export const utcDay = (iso: string) => iso.slice(0, 10);

/** The counter keys of one customer: the whole business, their chat and their address. */
export const BUSINESS_VISITOR = "";
export const sessionVisitor = (sessionId: string) => `s:${sessionId}`;
export const ipVisitor = (ip: string) => `ip:${ip}`;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Counts one stored customer message; called inside the transaction that stores it. */
export function countCustomerMessage(
  tx: Tx | Db,
  input: { businessId: number; sessionId: string; ip?: string; now: string },
) {
  const day = utcDay(input.now);
  const visitors = [BUSINESS_VISITOR, sessionVisitor(input.sessionId)];
  if (input.ip) visitors.push(ipVisitor(input.ip));
  tx.insert(dailyUsage)
    .values(visitors.map((visitor) => ({ businessId: input.businessId, day, visitor, messages: 1 })))
    .onConflictDoUpdate({
      target: [dailyUsage.businessId, dailyUsage.day, dailyUsage.visitor],
      set: { messages: sql`${dailyUsage.messages} + 1` },
    })
    .run();
}

/** Today's counters of the business, the session and the address (0 where none yet). */
export function readUsage(db: Db, businessId: number, day: string, visitors: string[]): Map<string, number> {
  const rows = db
    .select({ visitor: dailyUsage.visitor, messages: dailyUsage.messages })
    .from(dailyUsage)
    .where(
      and(
        eq(dailyUsage.businessId, businessId),
        eq(dailyUsage.day, day),
        inArray(dailyUsage.visitor, visitors),
      ),
    )
    .all();
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
