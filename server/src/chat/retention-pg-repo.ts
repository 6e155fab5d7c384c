import { sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import type { RetentionRepo } from "./retention-repo";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention sweep on PostgreSQL: one transaction per business, as on SQLite. */
export function pgRetentionRepo(db: PgDb): RetentionRepo {
  return {
    sweepExpiredMessages: async (options) => {
      const businesses = await db.execute(
        sql`select id, coalesce(retention_days, ${options.defaultDays}) as days from businesses`,
      );
      let deleted = 0;
      for (const business of businesses) {
        const days = business.days === null ? 0 : Number(business.days);
        if (!days) continue;
        const businessId = Number(business.id);
        const cutoff = new Date(options.now.getTime() - days * DAY_MS).toISOString();
        deleted += await db.transaction(async (tx) => {
          const gone = await tx.execute(
            sql`delete from messages where business_id = ${businessId} and created_at < ${cutoff} returning 1`,
          );
          if (gone.length > 0) {
            await tx.execute(sql`delete from sessions where business_id = ${businessId}
              and not exists (select 1 from messages m where m.business_id = sessions.business_id and m.session_id = sessions.id)`);
            await tx.execute(sql`update sessions set message_count = (
              select count(*) from messages m where m.business_id = sessions.business_id and m.session_id = sessions.id)
              where business_id = ${businessId}`);
          }
          return gone.length;
        });
      }
      return deleted;
    },
  };
}
