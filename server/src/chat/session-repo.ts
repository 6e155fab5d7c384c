import type { Message, Source } from "@supportal/shared";
import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { messages, sessions } from "../db/schema";
import { countCustomerMessage } from "../limits/usage-repo";

type MessageRow = typeof messages.$inferSelect;

export function toMessage(row: MessageRow): Message {
  return {
    type: "message",
    id: row.id,
    sender: row.sender,
    message: row.message,
    timestamp: row.createdAt,
    ...(row.sources?.length ? { sources: row.sources as Source[] } : {}),
    ...(row.agentName ? { agentName: row.agentName } : {}),
  };
}

/** Stores one message and keeps the session's summary columns in step, atomically. */
export function appendMessage(
  db: Db,
  input: {
    id: string;
    businessId: number;
    sessionId: string;
    sender: Message["sender"];
    message: string;
    sources?: Source[];
    unanswered?: boolean;
    lowEvidence?: boolean;
    agentName?: string;
    /** The client address of a customer message, for its visitor's share of the daily cap. */
    ip?: string;
    now: string;
  },
): Message {
  return db.transaction(() => {
    const session = { businessId: input.businessId, sessionId: input.sessionId, now: input.now };
    prepared(db, "appendMessage.session", (d) =>
      d
        .insert(sessions)
        .values({
          businessId: sql.placeholder("businessId"),
          id: sql.placeholder("sessionId"),
          createdAt: sql.placeholder("now"),
        })
        .onConflictDoNothing()
        .prepare(),
    ).run(session);
    const row = prepared(db, "appendMessage.message", (d) =>
      d
        .insert(messages)
        .values({
          id: sql.placeholder("id"),
          businessId: sql.placeholder("businessId"),
          sessionId: sql.placeholder("sessionId"),
          sender: sql.placeholder("sender"),
          message: sql.placeholder("message"),
          sources: sql.placeholder("sources"),
          unanswered: sql.placeholder("unanswered"),
          lowEvidence: sql.placeholder("lowEvidence"),
          agentName: sql.placeholder("agentName"),
          createdAt: sql.placeholder("now"),
        })
        .returning()
        .prepare(),
    ).get({
      id: input.id,
      businessId: input.businessId,
      sessionId: input.sessionId,
      sender: input.sender,
      message: input.message,
      sources: input.sources ?? null,
      unanswered: input.unanswered ?? false,
      lowEvidence: input.lowEvidence ?? false,
      agentName: input.agentName ?? null,
      now: input.now,
    });
    prepared(db, "appendMessage.count", (d) =>
      d
        .update(sessions)
        .set({
          lastMessageAt: sql`${sql.placeholder("now")}`,
          messageCount: sql`${sessions.messageCount} + 1`,
        })
        .where(
          and(
            eq(sessions.businessId, sql.placeholder("businessId")),
            eq(sessions.id, sql.placeholder("sessionId")),
          ),
        )
        .prepare(),
    ).run(session);
    if (!row) throw new Error("the message was not stored");
    if (input.sender === "user") countCustomerMessage(db, input);
    return toMessage(row);
  });
}

// The statements that read a session's latest messages bind these, newest first.
const ofSessionPlaceholders = () =>
  and(
    eq(messages.businessId, sql.placeholder("businessId")),
    eq(messages.sessionId, sql.placeholder("sessionId")),
  );
const NEWEST_FIRST = [desc(messages.createdAt), desc(messages.id)] as const;

/** The latest `limit` messages of a session, oldest first. */
export function listSessionMessages(db: Db, businessId: number, sessionId: string, limit = 200): Message[] {
  const rows = prepared(db, "listSessionMessages", (d) =>
    d
      .select()
      .from(messages)
      .where(ofSessionPlaceholders())
      .orderBy(...NEWEST_FIRST)
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ businessId, sessionId, limit });
  return rows.reverse().map(toMessage);
}

/**
 * The latest `limit` messages of a session as the chat model reads them (who said what), oldest
 * first: what a turn needs, without the sources' JSON that `listSessionMessages` parses (~0.2 ms of
 * the ~0.45 ms of SQLite a turn cost with the loopback model, bench/turns).
 */
export function recentTurns(
  db: Db,
  businessId: number,
  sessionId: string,
  limit: number,
): { sender: Message["sender"]; message: string }[] {
  const rows = prepared(db, "recentTurns", (d) =>
    d
      .select({ sender: messages.sender, message: messages.message })
      .from(messages)
      .where(ofSessionPlaceholders())
      .orderBy(...NEWEST_FIRST)
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ businessId, sessionId, limit });
  return rows.reverse();
}

export function sessionExists(db: Db, businessId: number, sessionId: string): boolean {
  return Boolean(
    db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.businessId, businessId), eq(sessions.id, sessionId)))
      .get(),
  );
}

/** Whether the answer about to be given is the `after`-th not-found one in a row. */
export function offerDue(db: Db, input: { businessId: number; sessionId: string; after: number }): boolean {
  if (input.after <= 1) return true;
  const latest = prepared(db, "latestAnswersUnanswered", (d) =>
    d
      .select({ unanswered: messages.unanswered })
      .from(messages)
      .where(
        and(
          eq(messages.businessId, sql.placeholder("businessId")),
          eq(messages.sessionId, sql.placeholder("sessionId")),
          eq(messages.sender, "assistant"),
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ businessId: input.businessId, sessionId: input.sessionId, limit: input.after - 1 });
  return latest.length === input.after - 1 && latest.every((row) => row.unanswered);
}

/** Sessions read per step of the stream: memory holds one page of them with their messages. */
export const SESSIONS_PER_PAGE = 200;

export type SessionRow = typeof sessions.$inferSelect;

/** One page of a business's sessions after `after`, oldest first (ties by id). */
export function sessionPage(db: Db, businessId: number, after: SessionRow | null): SessionRow[] {
  const later = after
    ? or(
        gt(sessions.createdAt, after.createdAt),
        and(eq(sessions.createdAt, after.createdAt), gt(sessions.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.businessId, businessId), later))
    .orderBy(asc(sessions.createdAt), asc(sessions.id))
    .limit(SESSIONS_PER_PAGE)
    .all();
}

export function allSessionMessages(db: Db, businessId: number, sessionId: string): Message[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.sessionId, sessionId)))
    .orderBy(asc(sql`rowid`))
    .all()
    .map(toMessage);
}

/**
 * Sessions the assistant answers whose latest message is still the customer's question: at start,
 * no answer is running, so their answer was lost to a crash.
 */
export function listInterruptedTurns(db: Db): { businessId: number; sessionId: string; question: string }[] {
  return db.all(sql`
    select s.business_id as businessId, s.id as sessionId, last.message as question
    from sessions s
    join messages last on last.rowid = (
      select x.rowid from messages x
      where x.business_id = s.business_id and x.session_id = s.id
      order by x.created_at desc, x.rowid desc limit 1)
    where s.mode = 'ai' and last.sender = 'user'`);
}

export const sessionQueries = {
  appendMessage,
  listSessionMessages,
  recentTurns,
  sessionExists,
  offerDue,
  sessionPage,
  allSessionMessages,
  listInterruptedTurns,
};
export type SessionRepo = AsyncRepo<typeof sessionQueries>;
