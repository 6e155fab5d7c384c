import { and, asc, eq } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { agents } from "../db/schema";

export type AgentRow = typeof agents.$inferSelect;

/** Inserts an agent and sets the hash of its token, which embeds the id the insert assigns. */
export function insertAgent(
  db: Db,
  input: { businessId: number; name: string; now: string },
  tokenHashFor: (id: number) => string,
): AgentRow {
  return db.transaction((tx) => {
    const inserted = tx
      .insert(agents)
      .values({ businessId: input.businessId, name: input.name, tokenHash: "", createdAt: input.now })
      .returning({ id: agents.id })
      .get();
    return tx
      .update(agents)
      .set({ tokenHash: tokenHashFor(inserted.id) })
      .where(eq(agents.id, inserted.id))
      .returning()
      .get();
  });
}

export function findAgentRow(db: Db, agentId: number): AgentRow | undefined {
  return db.select().from(agents).where(eq(agents.id, agentId)).get();
}

export function listAgentRows(db: Db, businessId: number): AgentRow[] {
  return db.select().from(agents).where(eq(agents.businessId, businessId)).orderBy(asc(agents.id)).all();
}

/** Returns whether a row went: the agent must belong to the business. */
export function deleteAgentRow(db: Db, businessId: number, agentId: number): boolean {
  const gone = db
    .delete(agents)
    .where(and(eq(agents.businessId, businessId), eq(agents.id, agentId)))
    .returning({ id: agents.id })
    .all();
  return gone.length > 0;
}

export const agentQueries = { insertAgent, findAgentRow, listAgentRows, deleteAgentRow };
export type AgentRepo = AsyncRepo<typeof agentQueries>;
