import type { Message, Source } from "@supportal/shared";
import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { messages, sessions } from "../db/schema";

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
    agentName?: string;
    now: string;
  },
): Message {
  return db.transaction((tx) => {
    tx.insert(sessions)
      .values({ businessId: input.businessId, id: input.sessionId, createdAt: input.now })
      .onConflictDoNothing()
      .run();
    const row = tx
      .insert(messages)
      .values({
        id: input.id,
        businessId: input.businessId,
        sessionId: input.sessionId,
        sender: input.sender,
        message: input.message,
        sources: input.sources ?? null,
        unanswered: input.unanswered ?? false,
        agentName: input.agentName ?? null,
        createdAt: input.now,
      })
      .returning()
      .get();
    tx.update(sessions)
      .set({ lastMessageAt: input.now, messageCount: sql`${sessions.messageCount} + 1` })
      .where(and(eq(sessions.businessId, input.businessId), eq(sessions.id, input.sessionId)))
      .run();
    return toMessage(row);
  });
}

/** The latest `limit` messages of a session, oldest first. */
export function listSessionMessages(db: Db, businessId: number, sessionId: string, limit = 200): Message[] {
  const rows = db
    .select()
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.sessionId, sessionId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit)
    .all();
  return rows.reverse().map(toMessage);
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

/** Customer messages a business received since `since` (ISO), for the daily cap. */
export function countUserMessagesSince(db: Db, businessId: number, since: string): number {
  const row = db
    .select({ n: count() })
    .from(messages)
    .where(
      and(eq(messages.businessId, businessId), eq(messages.sender, "user"), gte(messages.createdAt, since)),
    )
    .get();
  return row?.n ?? 0;
}
