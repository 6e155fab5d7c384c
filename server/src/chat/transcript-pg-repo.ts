import type { MessageHit, SessionSummary } from "@supportal/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { messages, sessions } from "../db/pg-schema";
import { SCAN_PAGE } from "./message-search";
import { toMessage } from "./session-repo";
import { MAX_SESSIONS, type SummaryRow, toSummary } from "./session-summaries";
import type { TranscriptRepo } from "./transcript-repo";

const outerBusiness = sql.raw(`"sessions"."business_id"`);
const outerSession = sql.raw(`"sessions"."id"`);

// One statement for the inbox list, as on SQLite: a correlated subquery per field, on the
// (business, session, seq) index.
const summaryColumns = {
  id: sessions.id,
  createdAt: sessions.createdAt,
  lastMessageAt: sessions.lastMessageAt,
  messageCount: sessions.messageCount,
  mode: sessions.mode,
  agentName: sessions.agentName,
  contact: sessions.contact,
  lastMessage: sql<string | null>`(select m.message from messages m
    where m.business_id = ${outerBusiness} and m.session_id = ${outerSession}
    order by m.created_at desc, m.seq desc limit 1)`,
  firstQuestion: sql<string | null>`(select m.message from messages m
    where m.business_id = ${outerBusiness} and m.session_id = ${outerSession} and m.sender = 'user'
    order by m.created_at, m.seq limit 1)`,
  lastAnswerUnanswered: sql<number | null>`(select m.unanswered::int from messages m
    where m.business_id = ${outerBusiness} and m.session_id = ${outerSession} and m.sender = 'assistant'
    order by m.created_at desc, m.seq desc limit 1)`,
};

/** Message search and the inbox list on PostgreSQL. */
export function pgTranscriptRepo(db: PgDb): TranscriptRepo {
  return {
    // PostgreSQL's lower() folds only as its locale does (none past ASCII under "C"), so a search
    // with other letters is matched in JavaScript, as on SQLite.
    searchMessages: async (businessId, text, limit) => {
      const needle = text.toLowerCase();
      const newestFirst = [desc(messages.createdAt), desc(messages.seq)] as const;
      const hit = (row: typeof messages.$inferSelect): MessageHit => ({
        sessionId: row.sessionId,
        message: toMessage(row),
      });
      if (/^[\x00-\x7f]*$/.test(needle)) {
        const rows = await db
          .select()
          .from(messages)
          .where(
            and(eq(messages.businessId, businessId), sql`strpos(lower(${messages.message}), ${needle}) > 0`),
          )
          .orderBy(...newestFirst)
          .limit(limit);
        return rows.map(hit);
      }
      const hits: MessageHit[] = [];
      for (let offset = 0; hits.length < limit; offset += SCAN_PAGE) {
        const page = await db
          .select()
          .from(messages)
          .where(eq(messages.businessId, businessId))
          .orderBy(...newestFirst)
          .limit(SCAN_PAGE)
          .offset(offset);
        for (const row of page)
          if (row.message.toLowerCase().includes(needle) && hits.length < limit) hits.push(hit(row));
        if (page.length < SCAN_PAGE) break;
      }
      return hits;
    },
    listSessionSummaries: async (businessId): Promise<SessionSummary[]> => {
      const rows: SummaryRow[] = await db
        .select(summaryColumns)
        .from(sessions)
        .where(eq(sessions.businessId, businessId))
        .orderBy(desc(sql`coalesce(${sessions.lastMessageAt}, ${sessions.createdAt})`))
        .limit(MAX_SESSIONS);
      return rows.map(toSummary);
    },
    findSessionSummary: async (businessId, sessionId) => {
      const [row] = await db
        .select(summaryColumns)
        .from(sessions)
        .where(and(eq(sessions.businessId, businessId), eq(sessions.id, sessionId)));
      return row ? toSummary(row) : null;
    },
  };
}
