import type { AsyncRepo } from "../db/async-repo";
import { listCitedDocuments } from "./cited-documents";
import { listDailyActivity } from "./daily-activity";
import { feedbackInsights } from "./feedback-insights";
import { listKnowledgeGaps } from "./knowledge-gaps";
import { countTestSessions } from "./test-sessions";

/** The aggregate reads behind the dashboard's insights. */
export const insightQueries = {
  listKnowledgeGaps,
  listCitedDocuments,
  listDailyActivity,
  feedbackInsights,
  countTestSessions,
};
export type InsightsRepo = AsyncRepo<typeof insightQueries>;
