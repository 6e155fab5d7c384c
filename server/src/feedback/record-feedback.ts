import type { ErrorCode, FeedbackFrame } from "@supportal/shared";
import type { Repositories } from "../db/repositories";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";

export interface FeedbackDeps {
  repos: Pick<Repositories, "feedback">;
  now: () => Date;
  webhooks?: Pick<WebhookDispatcher, "emit">;
}

/**
 * A visitor's 👍/👎 of one assistant answer of their own session: stored (replacing an earlier
 * rating) and sent as `feedback.created`. Returns the refusal to send back, or null.
 */
export async function recordFeedback(
  deps: FeedbackDeps,
  input: { businessId: number; sessionId: string; frame: FeedbackFrame },
): Promise<{ code: ErrorCode; message: string } | null> {
  const { businessId, sessionId, frame } = input;
  const answer = await deps.repos.feedback.findAnswerRow(businessId, sessionId, frame.messageId);
  if (!answer) return { code: "not_found", message: "There is no answer with that id in this conversation." };
  const comment = frame.comment?.trim() || null;
  await deps.repos.feedback.upsertFeedback({
    messageId: answer.id,
    businessId,
    sessionId,
    rating: frame.rating,
    comment,
    now: deps.now().toISOString(),
  });
  await deps.webhooks?.emit(businessId, "feedback.created", {
    sessionId,
    messageId: answer.id,
    rating: frame.rating,
    comment,
    answer: answer.message,
  });
  return null;
}
