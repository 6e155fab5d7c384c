import { InsightsQuery, ReviewDismiss } from "@supportal/shared";
import { Hono } from "hono";
import { reviewDismissals } from "../db/schema";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseWith, readJson } from "../http/read-json";
import { DEFAULT_INSIGHT_DAYS, MAX_INSIGHT_DAYS, sinceDays } from "../insights/get-insights";
import { type ReviewDeps, reviewQueue } from "./review-queue";

/** `/api/businesses/:id/review`: the review queue (👎, unanswered, low evidence), and dismissing from it. */
export function reviewRoutes(deps: ReviewDeps & { now: () => Date }) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/review", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const query = parseWith(InsightsQuery, c.req.query());
    const days = query.days === undefined ? DEFAULT_INSIGHT_DAYS : Number(query.days);
    if (days < 1 || days > MAX_INSIGHT_DAYS)
      throw new AppError("validation_failed", `days: a whole number from 1 to ${MAX_INSIGHT_DAYS}.`);
    return c.json({ items: await reviewQueue(deps, businessId, sinceDays(deps.now(), days)) });
  });

  app.post("/:id/review/dismiss", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const { messageIds } = await readJson(c, ReviewDismiss);
    const now = deps.now().toISOString();
    deps.db.transaction((tx) => {
      for (const messageId of new Set(messageIds))
        tx.insert(reviewDismissals)
          .values({ businessId, messageId, dismissedAt: now })
          .onConflictDoNothing()
          .run();
    });
    return c.body(null, 204);
  });

  return app;
}
