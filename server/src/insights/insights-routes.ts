import { InsightsQuery } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseWith } from "../http/read-json";
import { DEFAULT_INSIGHT_DAYS, getInsights, MAX_INSIGHT_DAYS } from "./get-insights";

/** `GET /api/businesses/:id/insights?days=30`: knowledge gaps, most-cited documents, daily activity. */
export function insightsRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "insights">;
  now: () => Date;
}) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/insights", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const query = parseWith(InsightsQuery, c.req.query());
    const days = query.days === undefined ? DEFAULT_INSIGHT_DAYS : Number(query.days);
    if (days < 1 || days > MAX_INSIGHT_DAYS) {
      throw new AppError("validation_failed", `days: a whole number from 1 to ${MAX_INSIGHT_DAYS}.`);
    }
    return c.json(await getInsights({ insights: deps.repos.insights, now: deps.now }, { businessId, days }));
  });

  return app;
}
