import type { LimitsReport } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { type AuthEnv, ownedBusiness } from "../http/auth";
import { capLimits, type DailyCapConfig } from "./daily-cap";
import { BUSINESS_VISITOR, utcDay } from "./usage-repo";

// The dashboard shows a month of cap hits.
const CAP_HIT_DAYS = 30;

/** `GET /api/businesses/:id/limits`: today's use of the daily cap, who hit a cap, refused sites. */
export function limitsRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "capHits" | "refusedOrigins" | "usage">;
  now: () => Date;
  config: DailyCapConfig;
}) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/limits", async (c) => {
    const business = await ownedBusiness(c, deps.repos);
    const now = deps.now();
    const day = utcDay(now.toISOString());
    const since = new Date(now);
    since.setUTCDate(since.getUTCDate() - (CAP_HIT_DAYS - 1));
    const limits = capLimits(deps.config, business.dailyMessageLimit);
    const report: LimitsReport = {
      today: {
        day,
        messages:
          (await deps.repos.usage.readUsage(business.id, day, [BUSINESS_VISITOR])).get(BUSINESS_VISITOR) ?? 0,
        dailyLimit: limits.business,
        sessionLimit: limits.session,
        ipLimit: limits.ip,
      },
      capHits: await deps.repos.capHits.listCapHits(business.id, utcDay(since.toISOString())),
      refusedOrigins: await deps.repos.refusedOrigins.listRefusedOrigins(business.id),
    };
    return c.json(report);
  });

  return app;
}
