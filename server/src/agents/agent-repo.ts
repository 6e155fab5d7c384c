import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents } from "../db/schema";

export type AgentRow = typeof agents.$inferSelect;

export function insertAgent(db: Db, input: { businessId: number; name: string; now: string }): AgentRow {
  // The hash is set right after: the token embeds the id, which SQLite assigns on insert.
  return db
    .insert(agents)
    .values({ businessId: input.businessId, name: input.name, tokenHash: "", createdAt: input.now })
    .returning()
    .get();
}

export function setAgentTokenHash(db: Db, agentId: number, tokenHash: string): void {
  db.update(agents).set({ tokenHash }).where(eq(agents.id, agentId)).run();
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
