import type { ReviewItem, ReviewQuestion, ReviewReason, Source } from "@supportal/shared";
import { sql } from "drizzle-orm";
import type { CuratedMatch } from "../curated/curated-threshold";
import { questionProfile, questionSimilarity } from "../curated/question-similarity";
import type { Db } from "../db/client";
import { questionKey } from "../insights/knowledge-gaps";
import { notTestSession } from "../insights/test-sessions";
import type { Embedder } from "../providers/embedder";

/** The newest answers to review that are read and grouped; older ones wait until these are handled. */
const MAX_REVIEWED_ANSWERS = 300;

interface AnswerRow {
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

export interface ReviewDeps {
  db: Db;
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
  const rows = deps.db.all<AnswerRow>(sql`
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
