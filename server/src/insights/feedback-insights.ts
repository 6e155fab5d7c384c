import type { FeedbackInsights } from "@supportal/shared";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notTestSession } from "./test-sessions";

/** 👍 and 👎 since `since`: in all, per UTC day of the rating, and per document the rated answer cited. */
export function feedbackInsights(db: Db, businessId: number, since: string): FeedbackInsights {
  const where = sql`f.business_id = ${businessId} and f.updated_at >= ${since} and ${notTestSession(businessId, sql.raw("f.session_id"))}`;
  const perDay = db.all<{ day: string; up: number; down: number }>(sql`
    select substr(f.updated_at, 1, 10) as day,
      sum(f.rating = 'up') as up, sum(f.rating = 'down') as down
    from answer_feedback f where ${where}
    group by day order by day`);
  const perDocument = db.all<{ documentId: number; documentName: string; up: number; down: number }>(sql`
    select documentId, max(documentName) as documentName, sum(rating = 'up') as up, sum(rating = 'down') as down
    from (
      select distinct f.message_id, f.rating,
        json_extract(source.value, '$.documentId') as documentId,
        json_extract(source.value, '$.documentName') as documentName
      from answer_feedback f join messages m on m.id = f.message_id, json_each(m.sources) source
      where ${where} and m.sources is not null and json_extract(source.value, '$.documentId') > 0
    )
    group by documentId
    order by down * 1.0 / (up + down) desc, down desc
    limit 20`);
  return {
    up: perDay.reduce((sum, day) => sum + day.up, 0),
    down: perDay.reduce((sum, day) => sum + day.down, 0),
    perDay,
    perDocument,
  };
}
