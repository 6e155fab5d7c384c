import { pgAgentRepo } from "../agents/agent-pg-repo";
import { pgBusinessRepo } from "../businesses/business-pg-repo";
import { pgRetentionRepo } from "../chat/retention-pg-repo";
import { pgSentenceVectorRepo } from "../chat/sentence-vector-pg-repo";
import { pgSessionRepo } from "../chat/session-pg-repo";
import { pgTranscriptRepo } from "../chat/transcript-pg-repo";
import { pgCheckRepo } from "../checks/checks-pg-repo";
import { pgSuggestionRepo } from "../checks/starter-checks-pg-repo";
import { pgCuratedRepo } from "../curated/curated-pg-repo";
import { pgDocumentRepo } from "../documents/document-pg-repo";
import { pgIngestLeaseRepo } from "../documents/ingest-lease-pg-repo";
import { pgFeedbackRepo } from "../feedback/feedback-pg-repo";
import { pgConversationRepo } from "../inbox/conversation-pg-repo";
import { pgInsightsRepo } from "../insights/insights-pg-repo";
import { pgTestSessionRepo } from "../insights/test-sessions-pg-repo";
import { pgCapHitRepo } from "../limits/cap-hits-pg-repo";
import { pgRefusedOriginRepo } from "../limits/refused-origins-pg-repo";
import { pgUsageRepo } from "../limits/usage-pg-repo";
import { pgReviewRepo } from "../review/review-pg-repo";
import { pgWebhookRepo } from "../webhooks/webhook-pg-repo";
import type { PgDb } from "./pg-client";
import type { Repositories } from "./repositories";

/** The repositories on PostgreSQL (`SUPPORTAL_DATABASE_URL`): several instances share one database. */
export function pgRepositories(db: PgDb): Repositories {
  return {
    businesses: pgBusinessRepo(db),
    agents: pgAgentRepo(db),
    documents: pgDocumentRepo(db),
    ingestLeases: pgIngestLeaseRepo(db),
    sessions: pgSessionRepo(db),
    transcripts: pgTranscriptRepo(db),
    conversations: pgConversationRepo(db),
    retention: pgRetentionRepo(db),
    usage: pgUsageRepo(db),
    capHits: pgCapHitRepo(db),
    refusedOrigins: pgRefusedOriginRepo(db),
    webhooks: pgWebhookRepo(db),
    checks: pgCheckRepo(db),
    suggestions: pgSuggestionRepo(db),
    curated: pgCuratedRepo(db),
    feedback: pgFeedbackRepo(db),
    insights: pgInsightsRepo(db),
    testSessions: pgTestSessionRepo(db),
    review: pgReviewRepo(db),
    sentenceVectors: pgSentenceVectorRepo(db),
  };
}
