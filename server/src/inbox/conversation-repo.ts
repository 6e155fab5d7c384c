import type { Contact, ConversationMode } from "@supportal/shared";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { sessions } from "../db/schema";

export interface Conversation {
  mode: ConversationMode;
  agentId: number | null;
  agentName: string | null;
  contact: Contact | null;
}

const where = (businessId: number, sessionId: string) =>
  and(eq(sessions.businessId, businessId), eq(sessions.id, sessionId));

/** A session's mode and people; a session not stored yet is with the assistant. */
export function readConversation(db: Db, businessId: number, sessionId: string): Conversation {
  // Read on every customer message (the mode decides who answers): prepared once.
  const row = prepared(db, "readConversation", (d) =>
    d
      .select({
        mode: sessions.mode,
        agentId: sessions.agentId,
        agentName: sessions.agentName,
        contact: sessions.contact,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.businessId, sql.placeholder("businessId")),
          eq(sessions.id, sql.placeholder("sessionId")),
        ),
      )
      .prepare(),
  ).get({ businessId, sessionId });
  return row ?? { mode: "ai", agentId: null, agentName: null, contact: null };
}

export function ensureSession(db: Db, businessId: number, sessionId: string, now: string): void {
  db.insert(sessions).values({ businessId, id: sessionId, createdAt: now }).onConflictDoNothing().run();
}

/** Moves the conversation to `mode`, only if it is in one of `from`; returns whether it moved. */
export function moveConversation(
  db: Db,
  businessId: number,
  sessionId: string,
  change: {
    from: ConversationMode[];
    mode: ConversationMode;
    agentId?: number | null;
    agentName?: string | null;
  },
): boolean {
  const moved = db
    .update(sessions)
    .set({ mode: change.mode, agentId: change.agentId ?? null, agentName: change.agentName ?? null })
    .where(and(where(businessId, sessionId), inArray(sessions.mode, change.from)))
    .returning({ id: sessions.id })
    .all();
  return moved.length > 0;
}

/**
 * Gives the conversation to one agent. One UPDATE with the condition inside it: SQLite runs
 * writes one at a time, so of two agents claiming at once exactly one matches.
 */
export function claimConversation(
  db: Db,
  businessId: number,
  sessionId: string,
  agent: { id: number; name: string },
): boolean {
  const claimed = db
    .update(sessions)
    .set({ mode: "human", agentId: agent.id, agentName: agent.name })
    .where(and(where(businessId, sessionId), inArray(sessions.mode, ["ai", "waiting", "closed"])))
    .returning({ id: sessions.id })
    .all();
  return claimed.length > 0;
}

export function saveContact(db: Db, businessId: number, sessionId: string, contact: Contact): void {
  db.update(sessions).set({ contact }).where(where(businessId, sessionId)).run();
}

/** Conversations a person holds, e.g. to start their idle timers after a restart. */
export function listHumanConversations(db: Db) {
  return db
    .select({ businessId: sessions.businessId, sessionId: sessions.id, agentId: sessions.agentId })
    .from(sessions)
    .where(eq(sessions.mode, "human"))
    .all();
}

/** A deleted agent's conversations go back to waiting for someone else. */
export function releaseAgentConversations(db: Db, businessId: number, agentId: number) {
  return db
    .update(sessions)
    .set({ mode: "waiting", agentId: null, agentName: null })
    .where(
      and(eq(sessions.businessId, businessId), eq(sessions.agentId, agentId), eq(sessions.mode, "human")),
    )
    .returning({ sessionId: sessions.id })
    .all();
}

export const conversationQueries = {
  readConversation,
  ensureSession,
  moveConversation,
  claimConversation,
  saveContact,
  listHumanConversations,
  releaseAgentConversations,
};
export type ConversationRepo = AsyncRepo<typeof conversationQueries>;
