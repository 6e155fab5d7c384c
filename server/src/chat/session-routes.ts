import { SESSION_ID_PATTERN } from "@supportal/shared";
import { Hono } from "hono";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { listSessionMessages, listSessionSummaries, sessionExists } from "./session-repo";

/** `/api/businesses/:id/sessions`: conversations for the business owner. */
export function sessionRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/sessions", (c) =>
    c.json({ sessions: listSessionSummaries(deps.db, ownedBusinessId(c, deps.db)) }),
  );

  app.get("/:id/sessions/:sessionId", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const sessionId = c.req.param("sessionId");
    if (!SESSION_ID_PATTERN.test(sessionId) || !sessionExists(deps.db, businessId, sessionId)) {
      throw new AppError("not_found", "No such session in this business.");
    }
    return c.json({ id: sessionId, messages: listSessionMessages(deps.db, businessId, sessionId, 10_000) });
  });
  return app;
}
