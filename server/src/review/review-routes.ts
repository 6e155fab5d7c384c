import { InsightsQuery, ReviewDismiss } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseWith, readJson } from "../http/read-json";
import { DEFAULT_INSIGHT_DAYS, MAX_INSIGHT_DAYS, sinceDays } from "../insights/get-insights";
import { type ReviewDeps, reviewQueue } from "./review-queue";

/** `/api/businesses/:id/review`: the review queue (👎, unanswered, low evidence), and dismissing from it. */
export function reviewRoutes(
  deps: ReviewDeps & { now: () => Date; repos: Pick<Repositories, "businesses" | "review"> },
) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/review", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const query = parseWith(InsightsQuery, c.req.query());
    const days = query.days === undefined ? DEFAULT_INSIGHT_DAYS : Number(query.days);
    if (days < 1 || days > MAX_INSIGHT_DAYS)
      throw new AppError("validation_failed", `days: a whole number from 1 to ${MAX_INSIGHT_DAYS}.`);
    return c.json({ items: await reviewQueue(deps, businessId, sinceDays(deps.now(), days)) });
  });

  app.post("/:id/review/dismiss", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const { messageIds } = await readJson(c, ReviewDismiss);
    const now = deps.now().toISOString();
    await deps.repos.review.dismissReviewAnswers(businessId, messageIds, now);
    return c.body(null, 204);
  });

  return app;
}
