import { SESSION_ID_PATTERN } from "@supportal/shared";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { type AuthEnv, readableBusinessId } from "../http/auth";
import { readConversation } from "../inbox/conversation-repo";
import { listSessionMessages, sessionExists } from "./session-repo";
import { listSessionSummaries } from "./session-summaries";
import { conversationState } from "./transcript-export";

/** `/api/businesses/:id/sessions`: conversations for the business owner and its agents. */
export function sessionRoutes(deps: { db: Db }) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/sessions", (c) =>
    c.json({ sessions: listSessionSummaries(deps.db, readableBusinessId(c, deps.db)) }),
  );

  app.get("/:id/sessions/:sessionId", (c) => {
    const businessId = readableBusinessId(c, deps.db);
    const sessionId = c.req.param("sessionId");
    if (!SESSION_ID_PATTERN.test(sessionId) || !sessionExists(deps.db, businessId, sessionId)) {
      throw new AppError("not_found", "No such session in this business.");
    }
    return c.json({
      id: sessionId,
      ...conversationState(readConversation(deps.db, businessId, sessionId)),
      messages: listSessionMessages(deps.db, businessId, sessionId, 10_000),
    });
  });
  return app;
}
