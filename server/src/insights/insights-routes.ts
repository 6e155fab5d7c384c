import { InsightsQuery } from "@supportal/shared";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseWith } from "../http/read-json";
import { DEFAULT_INSIGHT_DAYS, getInsights, MAX_INSIGHT_DAYS } from "./get-insights";

/** `GET /api/businesses/:id/insights?days=30`: knowledge gaps, most-cited documents, daily activity. */
export function insightsRoutes(deps: { db: Db; now: () => Date }) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/insights", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const query = parseWith(InsightsQuery, c.req.query());
    const days = query.days === undefined ? DEFAULT_INSIGHT_DAYS : Number(query.days);
    if (days < 1 || days > MAX_INSIGHT_DAYS) {
      throw new AppError("validation_failed", `days: a whole number from 1 to ${MAX_INSIGHT_DAYS}.`);
    }
    return c.json(getInsights(deps, { businessId, days }));
  });

  return app;
}
