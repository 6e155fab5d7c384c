import type { ErrorCode, FeedbackFrame } from "@supportal/shared";
import type { Db } from "../db/client";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import { findAnswerRow, upsertFeedback } from "./feedback-repo";

export interface FeedbackDeps {
  db: Db;
  now: () => Date;
  webhooks?: Pick<WebhookDispatcher, "emit">;
}

/**
 * A visitor's 👍/👎 of one assistant answer of their own session: stored (replacing an earlier
 * rating) and sent as `feedback.created`. Returns the refusal to send back, or null.
 */
export function recordFeedback(
  deps: FeedbackDeps,
  input: { businessId: number; sessionId: string; frame: FeedbackFrame },
): { code: ErrorCode; message: string } | null {
  const { businessId, sessionId, frame } = input;
  const answer = findAnswerRow(deps.db, businessId, sessionId, frame.messageId);
  if (!answer) return { code: "not_found", message: "There is no answer with that id in this conversation." };
  const comment = frame.comment?.trim() || null;
  upsertFeedback(deps.db, {
    messageId: answer.id,
    businessId,
    sessionId,
    rating: frame.rating,
    comment,
    now: deps.now().toISOString(),
  });
  deps.webhooks?.emit(businessId, "feedback.created", {
    sessionId,
    messageId: answer.id,
    rating: frame.rating,
    comment,
    answer: answer.message,
  });
  return null;
}
