import type { Source } from "@supportal/shared";
import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { messages, sessions } from "../db/pg-schema";
import { countCustomerMessagePg } from "../limits/usage-pg-repo";
import { SESSIONS_PER_PAGE, type SessionRepo, toMessage } from "./session-repo";

/** Sessions and their messages on PostgreSQL. */
export function pgSessionRepo(db: PgDb): SessionRepo {
  return {
    appendMessage: (input) =>
      db.transaction(async (tx) => {
        await tx
          .insert(sessions)
          .values({ businessId: input.businessId, id: input.sessionId, createdAt: input.now })
          .onConflictDoNothing();
        const [row] = await tx
          .insert(messages)
          .values({
            id: input.id,
            businessId: input.businessId,
            sessionId: input.sessionId,
            sender: input.sender,
            message: input.message,
            sources: (input.sources as Source[] | undefined) ?? null,
            unanswered: input.unanswered ?? false,
            lowEvidence: input.lowEvidence ?? false,
            agentName: input.agentName ?? null,
            createdAt: input.now,
          })
          .returning();
        await tx
          .update(sessions)
          .set({ lastMessageAt: input.now, messageCount: sql`${sessions.messageCount} + 1` })
          .where(and(eq(sessions.businessId, input.businessId), eq(sessions.id, input.sessionId)));
        if (!row) throw new Error("the message was not stored");
        if (input.sender === "user") await countCustomerMessagePg(tx, input);
        return toMessage(row);
      }),

    listSessionMessages: async (businessId, sessionId, limit = 200) => {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.businessId, businessId), eq(messages.sessionId, sessionId)))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit);
      return rows.reverse().map(toMessage);
    },

    recentTurns: async (businessId, sessionId, limit) => {
      const rows = await db
        .select({ sender: messages.sender, message: messages.message })
        .from(messages)
        .where(and(eq(messages.businessId, businessId), eq(messages.sessionId, sessionId)))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit);
      return rows.reverse();
    },

    sessionExists: async (businessId, sessionId) => {
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.businessId, businessId), eq(sessions.id, sessionId)));
      return rows.length > 0;
    },

    offerDue: async (input) => {
      if (input.after <= 1) return true;
      const latest = await db
        .select({ unanswered: messages.unanswered })
        .from(messages)
        .where(
          and(
            eq(messages.businessId, input.businessId),
            eq(messages.sessionId, input.sessionId),
            eq(messages.sender, "assistant"),
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(input.after - 1);
      return latest.length === input.after - 1 && latest.every((row) => row.unanswered);
    },

    sessionPage: (businessId, after) => {
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
        .limit(SESSIONS_PER_PAGE);
    },

    allSessionMessages: async (businessId, sessionId) =>
      (
        await db
          .select()
          .from(messages)
          .where(and(eq(messages.businessId, businessId), eq(messages.sessionId, sessionId)))
          .orderBy(asc(messages.seq))
      ).map(toMessage),

    listInterruptedTurns: async () => {
      const rows = await db.execute(sql`
        select s.business_id as "businessId", s.id as "sessionId", last.message as question
        from sessions s
        join lateral (
          select x.message, x.sender from messages x
          where x.business_id = s.business_id and x.session_id = s.id
          order by x.created_at desc, x.seq desc limit 1) last on true
        where s.mode = 'ai' and last.sender = 'user'`);
      return rows.map((row) => ({
        businessId: Number(row.businessId),
        sessionId: String(row.sessionId),
        question: String(row.question),
      }));
    },
  };
}
