import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { NOTICES } from "./chat-notices";
import { detectLanguage } from "./detect-language";
import { appendMessage } from "./session-repo";

interface InterruptedRow {
  businessId: number;
  sessionId: string;
  question: string;
}

/**
 * At start, no answer is running: a session the assistant answers whose latest message is still the
 * customer's question lost its answer to a crash (kill -9, out of memory, power). Each gets the
 * stored "unavailable" notice in the question's language, marked unanswered, so the visitor sees it
 * in their history and the owner sees the question among the knowledge gaps. Returns how many.
 */
export function markInterruptedTurns(db: Db, now: string): number {
  const rows = db.all<InterruptedRow>(sql`
    select s.business_id as businessId, s.id as sessionId, last.message as question
    from sessions s
    join messages last on last.rowid = (
      select x.rowid from messages x
      where x.business_id = s.business_id and x.session_id = s.id
      order by x.created_at desc, x.rowid desc limit 1)
    where s.mode = 'ai' and last.sender = 'user'`);
  for (const row of rows) {
    appendMessage(db, {
      id: crypto.randomUUID(),
      businessId: row.businessId,
      sessionId: row.sessionId,
      sender: "system",
      message: NOTICES[detectLanguage(row.question) ?? "en"].unavailable,
      unanswered: true,
      now,
    });
  }
  return rows.length;
}
