import type { Insights } from "@supportal/shared";
import type { InsightsRepo } from "./insights-repo";

export const DEFAULT_INSIGHT_DAYS = 30;
export const MAX_INSIGHT_DAYS = 365;

/** The start of the first of the last `days` UTC days, today included. */
export function sinceDays(today: Date, days: number): string {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  first.setUTCDate(first.getUTCDate() - (days - 1));
  return first.toISOString();
}

/** The dashboard's insights over the last `days` UTC days, today included. */
export async function getInsights(
  deps: { insights: InsightsRepo; now: () => Date },
  input: { businessId: number; days: number },
): Promise<Insights> {
  const today = deps.now();
  const since = sinceDays(today, input.days);
  const { insights } = deps;
  return {
    days: input.days,
    since,
    knowledgeGaps: await insights.listKnowledgeGaps(input.businessId, since),
    topDocuments: await insights.listCitedDocuments(input.businessId, since),
    messagesPerDay: await insights.listDailyActivity(input.businessId, {
      firstDay: since.slice(0, 10),
      lastDay: today.toISOString().slice(0, 10),
    }),
    feedback: await insights.feedbackInsights(input.businessId, since),
    testSessions: await insights.countTestSessions(input.businessId),
  };
}
