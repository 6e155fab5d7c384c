import type { SessionSummary } from "@supportal/shared";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions } from "../db/schema";

// Drizzle writes a column of the outer query unqualified inside `sql`, where it would name the
// message's own column; these name the session's explicitly.
const outerBusiness = sql.raw(`"sessions"."business_id"`);
const outerSession = sql.raw(`"sessions"."id"`);

// Every field of the inbox list in one statement: a correlated subquery per field walks the
// messages_session index of one session, instead of one query per session per field.
const lastMessage = sql<string | null>`(select m.message from messages m
  where m.business_id = ${outerBusiness} and m.session_id = ${outerSession}
  order by m.created_at desc, m.rowid desc limit 1)`;
const firstQuestion = sql<string | null>`(select m.message from messages m
  where m.business_id = ${outerBusiness} and m.session_id = ${outerSession} and m.sender = 'user'
  order by m.created_at, m.rowid limit 1)`;
const lastAnswerUnanswered = sql<number | null>`(select m.unanswered from messages m
  where m.business_id = ${outerBusiness} and m.session_id = ${outerSession} and m.sender = 'assistant'
  order by m.created_at desc, m.rowid desc limit 1)`;

/** What both the list and the single lookup read of a session. */
const summaryColumns = {
  id: sessions.id,
  createdAt: sessions.createdAt,
  lastMessageAt: sessions.lastMessageAt,
  messageCount: sessions.messageCount,
  mode: sessions.mode,
  agentName: sessions.agentName,
  contact: sessions.contact,
  lastMessage,
  firstQuestion,
  lastAnswerUnanswered,
};

export const MAX_SESSIONS = 1000;
const MAX_PREVIEW_CHARS = 200;

/** A business's conversations, latest activity first, with what the inbox shows of each. */
export function listSessionSummaries(db: Db, businessId: number): SessionSummary[] {
  const rows = db
    .select(summaryColumns)
    .from(sessions)
    .where(eq(sessions.businessId, businessId))
    .orderBy(desc(sql`coalesce(${sessions.lastMessageAt}, ${sessions.createdAt})`))
    .limit(MAX_SESSIONS)
    .all();
  return rows.map(toSummary);
}

/** One conversation's summary, for the inbox's live updates. */
export function findSessionSummary(db: Db, businessId: number, sessionId: string): SessionSummary | null {
  const row = db
    .select(summaryColumns)
    .from(sessions)
    .where(sql`${sessions.businessId} = ${businessId} and ${sessions.id} = ${sessionId}`)
    .get();
  return row ? toSummary(row) : null;
}

export type SummaryRow = {
  id: string;
  createdAt: string;
  lastMessageAt: string | null;
  messageCount: number;
  mode: SessionSummary["mode"];
  agentName: string | null;
  contact: SessionSummary["contact"] | null;
  lastMessage: string | null;
  firstQuestion: string | null;
  lastAnswerUnanswered: number | null;
};

export function toSummary(row: SummaryRow): SessionSummary {
  return {
    id: row.id,
    createdAt: row.createdAt,
    lastMessageAt: row.lastMessageAt,
    messageCount: row.messageCount,
    ...(row.lastMessage !== null ? { lastMessage: row.lastMessage.slice(0, MAX_PREVIEW_CHARS) } : {}),
    mode: row.mode ?? "ai",
    ...(row.firstQuestion !== null ? { title: row.firstQuestion.slice(0, MAX_PREVIEW_CHARS) } : {}),
    ...(row.agentName ? { agentName: row.agentName } : {}),
    ...(row.contact ? { contact: row.contact } : {}),
    unanswered: row.lastAnswerUnanswered === 1,
  };
}
