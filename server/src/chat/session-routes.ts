import { SESSION_ID_PATTERN } from "@supportal/shared";
import { Hono } from "hono";
import { findBusinessRow } from "../businesses/business-repo";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type AuthEnv, requireBusinessAccess } from "../http/auth";
import { parseId } from "../http/read-json";
import { listSessionMessages, listSessionSummaries, sessionExists } from "./session-repo";

/** `/api/businesses/:id/sessions`: conversations for the business owner. */
export function sessionRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  function ownedBusinessId(c: Parameters<typeof requireBusinessAccess>[0]): number {
    const id = parseId(c.req.param("id"), "business");
    requireBusinessAccess(c, id);
    if (!findBusinessRow(deps.db, id)) throw new AppError("not_found", `No business with id ${id}.`);
    return id;
  }

  app.get("/:id/sessions", (c) => c.json({ sessions: listSessionSummaries(deps.db, ownedBusinessId(c)) }));

  app.get("/:id/sessions/:sessionId", (c) => {
    const businessId = ownedBusinessId(c);
    const sessionId = c.req.param("sessionId");
    if (!SESSION_ID_PATTERN.test(sessionId) || !sessionExists(deps.db, businessId, sessionId)) {
      throw new AppError("not_found", "No such session in this business.");
    }
    return c.json({ id: sessionId, messages: listSessionMessages(deps.db, businessId, sessionId, 10_000) });
  });
  return app;
}
