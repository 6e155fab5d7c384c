import type { Me } from "@supportal/shared";
import { Hono } from "hono";
import { type AuthDeps, type AuthEnv, requireAuth } from "../http/auth";

/** `GET /api/me`: what the bearer token is. Agents have no business in their token, so they ask. */
export function meRoute(deps: AuthDeps) {
  const app = new Hono<AuthEnv>();
  app.use("*", requireAuth(deps));
  app.get("/", (c) => {
    const principal = c.get("principal");
    const me: Me =
      principal.kind === "agent"
        ? {
            kind: "agent",
            businessId: principal.businessId,
            agent: { id: principal.agentId, name: principal.name },
          }
        : principal;
    return c.json(me);
  });
  return app;
}
