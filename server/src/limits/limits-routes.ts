import type { LimitsReport } from "@supportal/shared";
import { Hono } from "hono";
import type { Db } from "../db/client";
import { type AuthEnv, ownedBusiness } from "../http/auth";
import { listCapHits } from "./cap-hits-repo";
import { capLimits, type DailyCapConfig } from "./daily-cap";
import { listRefusedOrigins } from "./refused-origins-repo";
import { BUSINESS_VISITOR, readUsage, utcDay } from "./usage-repo";

// The dashboard shows a month of cap hits.
const CAP_HIT_DAYS = 30;

/** `GET /api/businesses/:id/limits`: today's use of the daily cap, who hit a cap, refused sites. */
export function limitsRoutes(deps: { db: Db; now: () => Date; config: DailyCapConfig }) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/limits", (c) => {
    const business = ownedBusiness(c, deps.db);
    const now = deps.now();
    const day = utcDay(now.toISOString());
    const since = new Date(now);
    since.setUTCDate(since.getUTCDate() - (CAP_HIT_DAYS - 1));
    const limits = capLimits(deps.config, business.dailyMessageLimit);
    const report: LimitsReport = {
      today: {
        day,
        messages: readUsage(deps.db, business.id, day, [BUSINESS_VISITOR]).get(BUSINESS_VISITOR) ?? 0,
        dailyLimit: limits.business,
        sessionLimit: limits.session,
        ipLimit: limits.ip,
      },
      capHits: listCapHits(deps.db, business.id, utcDay(since.toISOString())),
      refusedOrigins: listRefusedOrigins(deps.db, business.id),
    };
    return c.json(report);
  });

  return app;
}
