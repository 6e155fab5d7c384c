import { and, asc, eq } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { agents } from "../db/pg-schema";
import type { AgentRepo } from "./agent-repo";

/** The agent repository on PostgreSQL. */
export function pgAgentRepo(db: PgDb): AgentRepo {
  return {
    insertAgent: (input, tokenHashFor) =>
      db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(agents)
          .values({ businessId: input.businessId, name: input.name, tokenHash: "", createdAt: input.now })
          .returning({ id: agents.id });
        const [row] = await tx
          .update(agents)
          .set({ tokenHash: tokenHashFor(inserted!.id) })
          .where(eq(agents.id, inserted!.id))
          .returning();
        return row!;
      }),
    findAgentRow: async (agentId) => (await db.select().from(agents).where(eq(agents.id, agentId)))[0],
    listAgentRows: (businessId) =>
      db.select().from(agents).where(eq(agents.businessId, businessId)).orderBy(asc(agents.id)),
    deleteAgentRow: async (businessId, agentId) => {
      const gone = await db
        .delete(agents)
        .where(and(eq(agents.businessId, businessId), eq(agents.id, agentId)))
        .returning({ id: agents.id });
      return gone.length > 0;
    },
  };
}
