import { and, eq, inArray } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { sessions } from "../db/pg-schema";
import type { ConversationRepo } from "./conversation-repo";

const where = (businessId: number, sessionId: string) =>
  and(eq(sessions.businessId, businessId), eq(sessions.id, sessionId));

/** Conversation modes and people on PostgreSQL; each move is one conditional UPDATE, as on SQLite. */
export function pgConversationRepo(db: PgDb): ConversationRepo {
  return {
    readConversation: async (businessId, sessionId) => {
      const [row] = await db
        .select({
          mode: sessions.mode,
          agentId: sessions.agentId,
          agentName: sessions.agentName,
          contact: sessions.contact,
        })
        .from(sessions)
        .where(where(businessId, sessionId));
      return row ?? { mode: "ai", agentId: null, agentName: null, contact: null };
    },
    ensureSession: async (businessId, sessionId, now) => {
      await db.insert(sessions).values({ businessId, id: sessionId, createdAt: now }).onConflictDoNothing();
    },
    moveConversation: async (businessId, sessionId, change) => {
      const moved = await db
        .update(sessions)
        .set({ mode: change.mode, agentId: change.agentId ?? null, agentName: change.agentName ?? null })
        .where(and(where(businessId, sessionId), inArray(sessions.mode, change.from)))
        .returning({ id: sessions.id });
      return moved.length > 0;
    },
    // The condition sits in the UPDATE: PostgreSQL re-checks it on the row it locks, so of two
    // agents claiming at once (on any instances) exactly one matches.
    claimConversation: async (businessId, sessionId, agent) => {
      const claimed = await db
        .update(sessions)
        .set({ mode: "human", agentId: agent.id, agentName: agent.name })
        .where(and(where(businessId, sessionId), inArray(sessions.mode, ["ai", "waiting", "closed"])))
        .returning({ id: sessions.id });
      return claimed.length > 0;
    },
    saveContact: async (businessId, sessionId, contact) => {
      await db.update(sessions).set({ contact }).where(where(businessId, sessionId));
    },
    listHumanConversations: () =>
      db
        .select({ businessId: sessions.businessId, sessionId: sessions.id, agentId: sessions.agentId })
        .from(sessions)
        .where(eq(sessions.mode, "human")),
    releaseAgentConversations: (businessId, agentId) =>
      db
        .update(sessions)
        .set({ mode: "waiting", agentId: null, agentName: null })
        .where(
          and(eq(sessions.businessId, businessId), eq(sessions.agentId, agentId), eq(sessions.mode, "human")),
        )
        .returning({ sessionId: sessions.id }),
  };
}
