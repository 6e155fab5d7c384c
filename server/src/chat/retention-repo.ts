import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes every message older than its business's retention (its own `retentionDays`, else
 * `defaultDays`; neither: kept), then the sessions left empty, and keeps the other sessions' counts
 * right. One transaction per business, so a sweep never leaves a half-updated business.
 * Returns the number of messages deleted.
 */
export function sweepExpiredMessages(db: Db, options: { now: Date; defaultDays: number | null }): number {
  const sqlite = db.$client;
  const businesses = sqlite
    .query<{ id: number; days: number | null }, [number | null]>(
      "select id, coalesce(retention_days, ?) as days from businesses",
    )
    .all(options.defaultDays);
  const deleteOld = sqlite.query("delete from messages where business_id = ? and created_at < ?");
  const deleteEmpty = sqlite.query(`
    delete from sessions where business_id = ?
      and not exists (select 1 from messages m where m.business_id = sessions.business_id and m.session_id = sessions.id)`);
  const recount = sqlite.query(`
    update sessions set message_count = (
      select count(*) from messages m where m.business_id = sessions.business_id and m.session_id = sessions.id)
    where business_id = ?`);
  const sweepBusiness = sqlite.transaction((businessId: number, cutoff: string) => {
    const gone = deleteOld.run(businessId, cutoff).changes;
    if (gone > 0) {
      deleteEmpty.run(businessId);
      recount.run(businessId);
    }
    return gone;
  });
  let deleted = 0;
  for (const business of businesses) {
    if (!business.days) continue;
    deleted += sweepBusiness(
      business.id,
      new Date(options.now.getTime() - business.days * DAY_MS).toISOString(),
    );
  }
  return deleted;
}

export const retentionQueries = { sweepExpiredMessages };
export type RetentionRepo = AsyncRepo<typeof retentionQueries>;
