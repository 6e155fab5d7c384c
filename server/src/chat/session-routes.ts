import { SESSION_ID_PATTERN } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, readableBusinessId } from "../http/auth";
import { conversationState } from "./transcript-export";

/** `/api/businesses/:id/sessions`: conversations for the business owner and its agents. */
export function sessionRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "conversations" | "sessions" | "transcripts">;
}) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/sessions", async (c) =>
    c.json({
      sessions: await deps.repos.transcripts.listSessionSummaries(await readableBusinessId(c, deps.repos)),
    }),
  );

  app.get("/:id/sessions/:sessionId", async (c) => {
    const businessId = await readableBusinessId(c, deps.repos);
    const sessionId = c.req.param("sessionId");
    if (
      !SESSION_ID_PATTERN.test(sessionId) ||
      !(await deps.repos.sessions.sessionExists(businessId, sessionId))
    ) {
      throw new AppError("not_found", "No such session in this business.");
    }
    return c.json({
      id: sessionId,
      ...conversationState(await deps.repos.conversations.readConversation(businessId, sessionId)),
      messages: await deps.repos.sessions.listSessionMessages(businessId, sessionId, 10_000),
    });
  });
  return app;
}
