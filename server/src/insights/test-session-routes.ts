import { SESSION_ID_PATTERN } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";

/**
 * `PUT /api/businesses/:id/sessions/:sessionId/test`: the dashboard marks its "Try it" conversation
 * (before its first message) as the owner's own test.
 */
export function testSessionRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "testSessions">;
  now: () => Date;
}) {
  const app = new Hono<AuthEnv>();
  app.put("/:id/sessions/:sessionId/test", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const sessionId = c.req.param("sessionId");
    if (!SESSION_ID_PATTERN.test(sessionId))
      throw new AppError("validation_failed", "sessionId: 16 to 64 characters of A-Z, a-z, 0-9, _ and -.");
    await deps.repos.testSessions.markTestSession(businessId, sessionId, deps.now().toISOString());
    return c.body(null, 204);
  });
  return app;
}
