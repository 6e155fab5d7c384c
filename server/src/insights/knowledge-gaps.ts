import type { KnowledgeGap } from "@supportal/shared";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notTestSession } from "./test-sessions";

export interface GapRow {
  question: string | null;
  askedAt: string;
  sessionId: string;
  lowEvidence: number;
}

/** Lower case, single spaces, no closing punctuation: "Do you ship to Mars?" and "do you ship to mars" are one gap. */
export function questionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s?!.…]+$/u, "")
    .trim();
}

/**
 * Answers stored with `unanswered` are the assistant saying it found nothing, with `lowEvidence`
 * answers given on little evidence (possible gaps); the owner's test conversations are left out; the customer question
 * is the latest user message before it in the same session (rowid keeps insertion order even when
 * two messages share a millisecond).
 */
export function listKnowledgeGaps(db: Db, businessId: number, since: string, limit = 50): KnowledgeGap[] {
  const rows = db.all<GapRow>(sql`
    select
      (select u.message from messages u
        where u.business_id = a.business_id and u.session_id = a.session_id
          and u.sender = 'user' and u.rowid < a.rowid
        order by u.rowid desc limit 1) as question,
      a.created_at as askedAt,
      a.session_id as sessionId,
      a.unanswered = 0 as lowEvidence
    from messages a
    where a.business_id = ${businessId} and (a.unanswered = 1 or a.low_evidence = 1) and a.created_at >= ${since}
      and ${notTestSession(businessId, sql.raw("a.session_id"))}
    order by a.rowid desc`);
  return groupGaps(rows, limit);
}

/** Gaps grouped by the question's wording, most asked first; `rows` come newest first. */
export function groupGaps(rows: GapRow[], limit: number): KnowledgeGap[] {
  // Rows come newest first, so the first wording and session seen for a key are the latest.
  const gaps = new Map<string, KnowledgeGap>();
  for (const row of rows) {
    if (!row.question) continue;
    const key = questionKey(row.question);
    const gap = gaps.get(key);
    if (gap) {
      gap.count++;
      gap.lowEvidence &&= Boolean(row.lowEvidence);
    } else
      gaps.set(key, {
        question: row.question,
        count: 1,
        lastAskedAt: row.askedAt,
        sessionId: row.sessionId,
        lowEvidence: Boolean(row.lowEvidence),
      });
  }
  return [...gaps.values()]
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
    .slice(0, limit);
}
