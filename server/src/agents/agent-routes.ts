import { AgentCreate, type Agent as AgentView } from "@supportal/shared";
import { Hono } from "hono";
import { hashSecret } from "../businesses/api-keys";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import type { AgentRow } from "./agent-repo";
import { generateAgentToken } from "./agent-tokens";
import type { Presence } from "./presence";

interface AgentDeps {
  repos: Pick<Repositories, "businesses" | "agents">;
  now: () => Date;
  presence: Pick<Presence, "isOnline">;
  /** The inbox closes a deleted agent's sockets and puts its conversations back in the queue. */
  onAgentDeleted: (businessId: number, agentId: number) => Promise<void>;
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
    const businessId = await ownedBusinessId(c, deps.repos);
    const { name } = await readJson(c, AgentCreate);
    let token = "";
    const row = await deps.repos.agents.insertAgent(
      { businessId, name, now: deps.now().toISOString() },
      (id) => {
        token = generateAgentToken(id);
        return hashSecret(token);
      },
    );
    return c.json({ ...view(row), token }, 201);
  });

  app.get("/:id/agents", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    return c.json({ agents: (await deps.repos.agents.listAgentRows(businessId)).map(view) });
  });

  app.delete("/:id/agents/:agentId", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const agentId = parseId(c.req.param("agentId"), "agent");
    if (!(await deps.repos.agents.deleteAgentRow(businessId, agentId))) {
      throw new AppError("not_found", `No agent with id ${agentId} in this business.`);
    }
    await deps.onAgentDeleted(businessId, agentId);
    return c.body(null, 204);
  });

  return app;
}
