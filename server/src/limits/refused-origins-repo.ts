import type { RefusedOrigin } from "@supportal/shared";
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { refusedOrigins } from "../db/schema";

// Enough to spot a site that embeds the widget without being listed; a flood of invented origins
// only replaces the oldest entries instead of growing the table.
export const MAX_REFUSED_ORIGINS = 20;
// An Origin header is short; whatever is longer is cut so a hostile header cannot bloat the row.
export const MAX_ORIGIN_CHARS = 200;
// Refusals come faster than the millisecond of `lastAt`: among equal times, the row inserted last
// (SQLite's rowid) is the most recent, so the newest is never the one evicted or listed second.
const newestFirst = [desc(refusedOrigins.lastAt), desc(sql`rowid`)];

/** Counts one refused request from `origin` ("" when the request named none). */
export function recordRefusedOrigin(db: Db, businessId: number, origin: string, now: string) {
  const value = origin.slice(0, MAX_ORIGIN_CHARS);
  db.transaction((tx) => {
    tx.insert(refusedOrigins)
      .values({ businessId, origin: value, attempts: 1, firstAt: now, lastAt: now })
      .onConflictDoUpdate({
        target: [refusedOrigins.businessId, refusedOrigins.origin],
        set: { attempts: sql`${refusedOrigins.attempts} + 1`, lastAt: now },
      })
      .run();
    const keep = tx
      .select({ origin: refusedOrigins.origin })
      .from(refusedOrigins)
      .where(eq(refusedOrigins.businessId, businessId))
      .orderBy(...newestFirst)
      .limit(MAX_REFUSED_ORIGINS);
    tx.delete(refusedOrigins)
      .where(and(eq(refusedOrigins.businessId, businessId), notInArray(refusedOrigins.origin, keep)))
      .run();
  });
}

/** Refused origins, most recent first. */
export function listRefusedOrigins(db: Db, businessId: number): RefusedOrigin[] {
  return db
    .select({
      origin: refusedOrigins.origin,
      attempts: refusedOrigins.attempts,
      firstAt: refusedOrigins.firstAt,
      lastAt: refusedOrigins.lastAt,
    })
    .from(refusedOrigins)
    .where(eq(refusedOrigins.businessId, businessId))
    .orderBy(...newestFirst)
    .all();
}

export const refusedOriginQueries = {
  recordRefusedOrigin,
  listRefusedOrigins,
};
export type RefusedOriginRepo = AsyncRepo<typeof refusedOriginQueries>;
