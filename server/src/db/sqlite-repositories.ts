import { agentQueries } from "../agents/agent-repo";
import { businessQueries } from "../businesses/business-repo";
import { retentionQueries } from "../chat/retention-repo";
import { createSqliteSentenceVectorRepo } from "../chat/sentence-vector-repo";
import { sessionQueries } from "../chat/session-repo";
import { transcriptQueries } from "../chat/transcript-repo";
import { checkQueries } from "../checks/checks-repo";
import { suggestionQueries } from "../checks/starter-checks";
import { curatedQueries } from "../curated/curated-repo";
import { documentQueries } from "../documents/document-repo";
import { createSqliteIngestLeaseRepo } from "../documents/ingest-lease-repo";
import { feedbackQueries } from "../feedback/feedback-repo";
import { conversationQueries } from "../inbox/conversation-repo";
import { insightQueries } from "../insights/insights-repo";
import { testSessionQueries } from "../insights/test-sessions";
import { capHitQueries } from "../limits/cap-hits-repo";
import { refusedOriginQueries } from "../limits/refused-origins-repo";
import { usageQueries } from "../limits/usage-repo";
import { reviewQueries } from "../review/review-repo";
import { webhookQueries } from "../webhooks/webhook-repo";
import { bindSqlite } from "./async-repo";
import type { Db } from "./client";
import type { Repositories } from "./repositories";

/** The repositories on one SQLite database (bun:sqlite): the embedded default. */
export function sqliteRepositories(db: Db): Repositories {
  return {
    businesses: bindSqlite(db, businessQueries),
    agents: bindSqlite(db, agentQueries),
    documents: bindSqlite(db, documentQueries),
    ingestLeases: createSqliteIngestLeaseRepo(db),
    sessions: bindSqlite(db, sessionQueries),
    transcripts: bindSqlite(db, transcriptQueries),
    conversations: bindSqlite(db, conversationQueries),
    retention: bindSqlite(db, retentionQueries),
    usage: bindSqlite(db, usageQueries),
    capHits: bindSqlite(db, capHitQueries),
    refusedOrigins: bindSqlite(db, refusedOriginQueries),
    webhooks: bindSqlite(db, webhookQueries),
    checks: bindSqlite(db, checkQueries),
    suggestions: bindSqlite(db, suggestionQueries),
    curated: bindSqlite(db, curatedQueries),
    feedback: bindSqlite(db, feedbackQueries),
    insights: bindSqlite(db, insightQueries),
    testSessions: bindSqlite(db, testSessionQueries),
    review: bindSqlite(db, reviewQueries),
    sentenceVectors: createSqliteSentenceVectorRepo(db),
  };
}
