import type { Insights } from "@supportal/shared";
import type { Db } from "../db/client";
import { listCitedDocuments } from "./cited-documents";
import { listDailyActivity } from "./daily-activity";
import { feedbackInsights } from "./feedback-insights";
import { listKnowledgeGaps } from "./knowledge-gaps";
import { countTestSessions } from "./test-sessions";

export const DEFAULT_INSIGHT_DAYS = 30;
export const MAX_INSIGHT_DAYS = 365;

/** The start of the first of the last `days` UTC days, today included. */
export function sinceDays(today: Date, days: number): string {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  first.setUTCDate(first.getUTCDate() - (days - 1));
  return first.toISOString();
}

/** The dashboard's insights over the last `days` UTC days, today included. */
export function getInsights(
  deps: { db: Db; now: () => Date },
  input: { businessId: number; days: number },
): Insights {
  const today = deps.now();
  const since = sinceDays(today, input.days);
  return {
    days: input.days,
    since,
    knowledgeGaps: listKnowledgeGaps(deps.db, input.businessId, since),
    topDocuments: listCitedDocuments(deps.db, input.businessId, since),
    messagesPerDay: listDailyActivity(deps.db, input.businessId, {
      firstDay: since.slice(0, 10),
      lastDay: today.toISOString().slice(0, 10),
    }),
    feedback: feedbackInsights(deps.db, input.businessId, since),
    testSessions: countTestSessions(deps.db, input.businessId),
  };
}
