import { sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { reviewDismissals } from "../db/pg-schema";
import { notTestSession } from "../insights/test-sessions";
import { MAX_REVIEWED_ANSWERS, type ReviewRepo } from "./review-repo";

/** The review queue's reads and dismissals on PostgreSQL. */
export function pgReviewRepo(db: PgDb): ReviewRepo {
  return {
    listReviewAnswers: async (businessId, since) => {
      const rows = await db.execute(sql`
        select a.id as "messageId", a.message as answer, a.sources, a.created_at as "askedAt",
          a.session_id as "sessionId", a.unanswered::int as unanswered, a.low_evidence::int as "lowEvidence",
          f.rating, f.comment,
          (select u.message from messages u
            where u.business_id = a.business_id and u.session_id = a.session_id
              and u.sender = 'user' and u.seq < a.seq
            order by u.seq desc limit 1) as question
        from messages a left join answer_feedback f on f.message_id = a.id
        where a.business_id = ${businessId} and a.sender = 'assistant' and a.created_at >= ${since}
          and (f.rating = 'down' or ((a.unanswered or a.low_evidence) and f.rating is null))
          and a.id not in (select d.message_id from review_dismissals d where d.business_id = ${businessId})
          and ${notTestSession(businessId, sql.raw("a.session_id"))}
        order by a.seq desc
        limit ${MAX_REVIEWED_ANSWERS}`);
      return rows.map((row) => ({
        messageId: String(row.messageId),
        answer: String(row.answer),
        sources: row.sources === null ? null : String(row.sources),
        askedAt: String(row.askedAt),
        sessionId: String(row.sessionId),
        unanswered: Number(row.unanswered),
        lowEvidence: Number(row.lowEvidence),
        rating: row.rating === null ? null : String(row.rating),
        comment: row.comment === null ? null : String(row.comment),
        question: row.question === null ? null : String(row.question),
      }));
    },
    dismissReviewAnswers: async (businessId, messageIds, now) => {
      const ids = [...new Set(messageIds)];
      if (ids.length === 0) return;
      await db
        .insert(reviewDismissals)
        .values(ids.map((messageId) => ({ businessId, messageId, dismissedAt: now })))
        .onConflictDoNothing();
    },
  };
}
