import type { CapHit } from "@supportal/shared";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { capHits } from "../db/schema";
import { topVisitors } from "./usage-repo";

export type CapScope = (typeof capHits.$inferSelect)["scope"];

/**
 * Records one refusal by a daily cap. The first of a day (per scope and visitor) makes the row and,
 * for the business's cap, keeps who had sent the most; later ones only count and move `lastAt`.
 */
export function recordCapHit(
  db: Db,
  input: {
    businessId: number;
    day: string;
    scope: CapScope;
    visitor: string;
    sessionId: string;
    ip: string;
    now: string;
    /** The business's own cap: keep who had sent the most that day. */
    withTopVisitors?: boolean;
  },
) {
  db.transaction((tx) => {
    const updated = tx
      .update(capHits)
      .set({ lastAt: input.now, refused: sql`${capHits.refused} + 1` })
      .where(
        and(
          eq(capHits.businessId, input.businessId),
          eq(capHits.day, input.day),
          eq(capHits.scope, input.scope),
          eq(capHits.visitor, input.visitor),
        ),
      )
      .returning({ refused: capHits.refused })
      .all();
    if (updated.length > 0) return;
    tx.insert(capHits)
      .values({
        businessId: input.businessId,
        day: input.day,
        scope: input.scope,
        visitor: input.visitor,
        sessionId: input.sessionId,
        ip: input.ip,
        firstAt: input.now,
        lastAt: input.now,
        refused: 1,
        topVisitors: input.withTopVisitors ? topVisitors(db, input.businessId, input.day) : null,
      })
      .run();
  });
}

/** Cap hits since `sinceDay`, newest first. */
export function listCapHits(db: Db, businessId: number, sinceDay: string, limit = 100): CapHit[] {
  return db
    .select()
    .from(capHits)
    .where(and(eq(capHits.businessId, businessId), gte(capHits.day, sinceDay)))
    .orderBy(desc(capHits.firstAt))
    .limit(limit)
    .all()
    .map(toCapHit);
}

export function toCapHit(row: typeof capHits.$inferSelect): CapHit {
  return {
    day: row.day,
    scope: row.scope,
    sessionId: row.sessionId,
    ip: row.ip,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
    refused: row.refused,
    topVisitors: (row.topVisitors ?? []).map(describeVisitor),
  };
}

/** `s:<id>` / `ip:<address>` as the owner reads them. */
function describeVisitor(entry: { visitor: string; messages: number }) {
  const isSession = entry.visitor.startsWith("s:");
  return {
    kind: isSession ? ("session" as const) : ("ip" as const),
    id: entry.visitor.slice(isSession ? 2 : 3),
    messages: entry.messages,
  };
}

export function pruneCapHits(db: Db, beforeDay: string) {
  db.delete(capHits).where(lt(capHits.day, beforeDay)).run();
}

export const capHitQueries = {
  recordCapHit,
  listCapHits,
  pruneCapHits,
};
export type CapHitRepo = AsyncRepo<typeof capHitQueries>;
