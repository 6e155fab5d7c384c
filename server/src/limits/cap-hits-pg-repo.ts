import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { capHits } from "../db/pg-schema";
import { type CapHitRepo, toCapHit } from "./cap-hits-repo";
import { topVisitorsPg } from "./usage-pg-repo";

/** The daily caps' refusals on PostgreSQL. */
export function pgCapHitRepo(db: PgDb): CapHitRepo {
  return {
    recordCapHit: (input) =>
      db.transaction(async (tx) => {
        const top = input.withTopVisitors ? await topVisitorsPg(tx, input.businessId, input.day) : null;
        // The first refusal of the day makes the row; later ones (from any instance) count.
        await tx
          .insert(capHits)
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
            topVisitors: top,
          })
          .onConflictDoUpdate({
            target: [capHits.businessId, capHits.day, capHits.scope, capHits.visitor],
            set: { lastAt: input.now, refused: sql`${capHits.refused} + 1` },
          });
      }),
    listCapHits: async (businessId, sinceDay, limit = 100) =>
      (
        await db
          .select()
          .from(capHits)
          .where(and(eq(capHits.businessId, businessId), gte(capHits.day, sinceDay)))
          .orderBy(desc(capHits.firstAt))
          .limit(limit)
      ).map(toCapHit),
    pruneCapHits: async (beforeDay) => {
      await db.delete(capHits).where(lt(capHits.day, beforeDay));
    },
  };
}
