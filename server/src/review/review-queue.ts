import type { ReviewItem, ReviewQuestion, ReviewReason, Source } from "@supportal/shared";
import type { CuratedMatch } from "../curated/curated-threshold";
import { questionProfile, questionSimilarity } from "../curated/question-similarity";
import type { Repositories } from "../db/repositories";
import { questionKey } from "../insights/knowledge-gaps";
import type { Embedder } from "../providers/embedder";
import type { AnswerRow } from "./review-repo";

export interface ReviewDeps {
  repos: Pick<Repositories, "review">;
  embedder: Embedder;
  /** "The same question in other words": the curated answers' own calibrated match. */
  match: CuratedMatch;
}

/**
 * 👎 answers, unanswered questions and low-evidence answers (unless the customer gave them a 👍) since
 * `since`, not dismissed, the owner's
 * test conversations left out; the same question in other words grouped once (by the curated
 * answers' similarity of meaning and shared terms, or the same wording), most asked first.
 */
export async function reviewQueue(
  deps: ReviewDeps,
  businessId: number,
  since: string,
): Promise<ReviewItem[]> {
  const rows = await deps.repos.review.listReviewAnswers(businessId, since);
  const asked = rows.filter((row): row is AnswerRow & { question: string } => Boolean(row.question));
  if (asked.length === 0) return [];
  const vectors = await deps.embedder.embed(
    asked.map((row) => row.question),
    { priority: "urgent" },
  );
  const groups: { profile: ReturnType<typeof questionProfile>; key: string; rows: typeof asked }[] = [];
  asked.forEach((row, i) => {
    const profile = questionProfile(row.question, vectors[i]!);
    const key = questionKey(row.question);
    const group = groups.find(
      (g) =>
        g.key === key ||
        questionSimilarity(profile, g.profile, deps.match.termWeight) >= deps.match.threshold,
    );
    if (group) group.rows.push(row);
    else groups.push({ profile, key, rows: [row] });
  });
  return groups
    .map(({ rows: members }) => toItem(members))
    .sort((a, b) => b.questions.length - a.questions.length || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

const reasonOf = (row: AnswerRow): ReviewReason =>
  row.rating === "down" ? "down" : row.unanswered ? "unanswered" : "low_evidence";

function toItem(members: (AnswerRow & { question: string })[]): ReviewItem {
  // Rows come newest first: the first is the latest answer given.
  const latest = members[0]!;
  const questions: ReviewQuestion[] = members.map((row) => ({
    question: row.question,
    sessionId: row.sessionId,
    askedAt: row.askedAt,
    messageId: row.messageId,
    reason: reasonOf(row),
    ...(row.comment ? { comment: row.comment } : {}),
  }));
  return {
    id: members[members.length - 1]!.messageId,
    questions,
    answer: latest.answer,
    sources: latest.sources ? (JSON.parse(latest.sources) as Source[]) : [],
    reasons: [...new Set(questions.map((q) => q.reason))],
    lastAskedAt: latest.askedAt,
  };
}
