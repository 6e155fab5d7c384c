import type { Rating } from "@supportal/shared";
import { and, eq } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { answerFeedback, messages } from "../db/schema";

/** The assistant answer `messageId` of this session, or undefined (another session's, a customer's, none). */
export function findAnswerRow(db: Db, businessId: number, sessionId: string, messageId: string) {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.businessId, businessId),
        eq(messages.sessionId, sessionId),
        eq(messages.sender, "assistant"),
      ),
    )
    .get();
}

/** Stores a rating; a later rating of the same answer replaces the earlier one (and its comment). */
export function upsertFeedback(
  db: Db,
  input: {
    messageId: string;
    businessId: number;
    sessionId: string;
    rating: Rating;
    comment: string | null;
    now: string;
  },
): void {
  db.insert(answerFeedback)
    .values({ ...input, createdAt: input.now, updatedAt: input.now })
    .onConflictDoUpdate({
      target: answerFeedback.messageId,
      set: { rating: input.rating, comment: input.comment, updatedAt: input.now },
    })
    .run();
}

export function findFeedback(db: Db, messageId: string) {
  return db.select().from(answerFeedback).where(eq(answerFeedback.messageId, messageId)).get();
}

export const feedbackQueries = {
  findAnswerRow,
  upsertFeedback,
  findFeedback,
};
export type FeedbackRepo = AsyncRepo<typeof feedbackQueries>;
