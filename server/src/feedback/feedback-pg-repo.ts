import { and, eq } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { answerFeedback, messages } from "../db/pg-schema";
import type { FeedbackRepo } from "./feedback-repo";

/** Answer ratings on PostgreSQL. */
export function pgFeedbackRepo(db: PgDb): FeedbackRepo {
  return {
    findAnswerRow: async (businessId, sessionId, messageId) =>
      (
        await db
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
      )[0],
    upsertFeedback: async (input) => {
      await db
        .insert(answerFeedback)
        .values({ ...input, createdAt: input.now, updatedAt: input.now })
        .onConflictDoUpdate({
          target: answerFeedback.messageId,
          set: { rating: input.rating, comment: input.comment, updatedAt: input.now },
        });
    },
    findFeedback: async (messageId) =>
      (await db.select().from(answerFeedback).where(eq(answerFeedback.messageId, messageId)))[0],
  };
}
