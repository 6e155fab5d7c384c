import { sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { reviewDismissals } from "../db/schema";
import { notTestSession } from "../insights/test-sessions";

/** The newest answers to review that are read and grouped; older ones wait until these are handled. */
export const MAX_REVIEWED_ANSWERS = 300;

export interface AnswerRow {
  messageId: string;
  answer: string;
  sources: string | null;
  askedAt: string;
  sessionId: string;
  unanswered: number;
  lowEvidence: number;
  rating: string | null;
  comment: string | null;
  question: string | null;
}

/**
 * 👎 answers, unanswered questions and low-evidence answers (unless the customer gave them a 👍) since
 * `since`, not dismissed, the owner's test conversations left out, each with the question before it.
 */
export function listReviewAnswers(db: Db, businessId: number, since: string): AnswerRow[] {
  return db.all<AnswerRow>(sql`
    select a.id as messageId, a.message as answer, a.sources, a.created_at as askedAt,
      a.session_id as sessionId, a.unanswered, a.low_evidence as lowEvidence, f.rating, f.comment,
      (select u.message from messages u
        where u.business_id = a.business_id and u.session_id = a.session_id
          and u.sender = 'user' and u.rowid < a.rowid
        order by u.rowid desc limit 1) as question
    from messages a left join answer_feedback f on f.message_id = a.id
    where a.business_id = ${businessId} and a.sender = 'assistant' and a.created_at >= ${since}
      and (f.rating = 'down' or ((a.unanswered = 1 or a.low_evidence = 1) and f.rating is null))
      and a.id not in (select d.message_id from review_dismissals d where d.business_id = ${businessId})
      and ${notTestSession(businessId, sql.raw("a.session_id"))}
    order by a.rowid desc
    limit ${MAX_REVIEWED_ANSWERS}`);
}

/** Takes answers out of the review queue for good. */
export function dismissReviewAnswers(db: Db, businessId: number, messageIds: string[], now: string): void {
  db.transaction((tx) => {
    for (const messageId of new Set(messageIds))
      tx.insert(reviewDismissals)
        .values({ businessId, messageId, dismissedAt: now })
        .onConflictDoNothing()
        .run();
  });
}

export const reviewQueries = { listReviewAnswers, dismissReviewAnswers };
export type ReviewRepo = AsyncRepo<typeof reviewQueries>;
