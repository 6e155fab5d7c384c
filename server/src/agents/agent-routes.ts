import { AgentCreate, type Agent as AgentView } from "@supportal/shared";
import { Hono } from "hono";
import { hashSecret } from "../businesses/api-keys";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import { type AgentRow, deleteAgentRow, insertAgent, listAgentRows, setAgentTokenHash } from "./agent-repo";
import { generateAgentToken } from "./agent-tokens";
import type { Presence } from "./presence";

interface AgentDeps {
  db: Db;
  now: () => Date;
  presence: Pick<Presence, "isOnline">;
  /** The inbox closes a deleted agent's sockets and puts its conversations back in the queue. */
  onAgentDeleted: (businessId: number, agentId: number) => void;
}

/** `/api/businesses/:id/agents`: the people who answer in the inbox, for the owner (admin or key). */
export function agentRoutes(deps: AgentDeps) {
  const app = new Hono<AuthEnv>();
  const view = (row: AgentRow): AgentView => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    online: deps.presence.isOnline(row.businessId, row.id),
  });

  app.post("/:id/agents", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const { name } = await readJson(c, AgentCreate);
    const created = deps.db.transaction(() => {
      const row = insertAgent(deps.db, { businessId, name, now: deps.now().toISOString() });
      const token = generateAgentToken(row.id);
      setAgentTokenHash(deps.db, row.id, hashSecret(token));
      return { row, token };
    });
    return c.json({ ...view(created.row), token: created.token }, 201);
  });

  app.get("/:id/agents", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    return c.json({ agents: listAgentRows(deps.db, businessId).map(view) });
  });

  app.delete("/:id/agents/:agentId", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const agentId = parseId(c.req.param("agentId"), "agent");
    if (!deleteAgentRow(deps.db, businessId, agentId)) {
      throw new AppError("not_found", `No agent with id ${agentId} in this business.`);
    }
    deps.onAgentDeleted(businessId, agentId);
    return c.body(null, 204);
  });

  return app;
}
