import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { refusedOrigins } from "../db/pg-schema";
import { MAX_ORIGIN_CHARS, MAX_REFUSED_ORIGINS, type RefusedOriginRepo } from "./refused-origins-repo";

const newestFirst = [desc(refusedOrigins.lastAt), desc(refusedOrigins.seq)];

/** Refused origins on PostgreSQL, bounded per business as on SQLite. */
export function pgRefusedOriginRepo(db: PgDb): RefusedOriginRepo {
  return {
    recordRefusedOrigin: (businessId, origin, now) =>
      db.transaction(async (tx) => {
        await tx
          .insert(refusedOrigins)
          .values({
            businessId,
            origin: origin.slice(0, MAX_ORIGIN_CHARS),
            attempts: 1,
            firstAt: now,
            lastAt: now,
          })
          .onConflictDoUpdate({
            target: [refusedOrigins.businessId, refusedOrigins.origin],
            set: { attempts: sql`${refusedOrigins.attempts} + 1`, lastAt: now },
          });
        const keep = tx
          .select({ origin: refusedOrigins.origin })
          .from(refusedOrigins)
          .where(eq(refusedOrigins.businessId, businessId))
          .orderBy(...newestFirst)
          .limit(MAX_REFUSED_ORIGINS);
        await tx
          .delete(refusedOrigins)
          .where(and(eq(refusedOrigins.businessId, businessId), notInArray(refusedOrigins.origin, keep)));
      }),
    listRefusedOrigins: (businessId) =>
      db
        .select({
          origin: refusedOrigins.origin,
          attempts: refusedOrigins.attempts,
          firstAt: refusedOrigins.firstAt,
          lastAt: refusedOrigins.lastAt,
        })
        .from(refusedOrigins)
        .where(eq(refusedOrigins.businessId, businessId))
        .orderBy(...newestFirst),
  };
}
