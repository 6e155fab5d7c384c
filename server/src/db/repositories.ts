import type { AgentRepo } from "../agents/agent-repo";
import type { BusinessRepo } from "../businesses/business-repo";
import type { RetentionRepo } from "../chat/retention-repo";
import type { SentenceVectorRepo } from "../chat/sentence-vector-repo";
import type { SessionRepo } from "../chat/session-repo";
import type { TranscriptRepo } from "../chat/transcript-repo";
import type { CheckRepo } from "../checks/checks-repo";
import type { SuggestionRepo } from "../checks/starter-checks";
import type { CuratedRepo } from "../curated/curated-repo";
import type { DocumentRepo } from "../documents/document-repo";
import type { IngestLeaseRepo } from "../documents/ingest-lease-repo";
import type { FeedbackRepo } from "../feedback/feedback-repo";
import type { ConversationRepo } from "../inbox/conversation-repo";
import type { InsightsRepo } from "../insights/insights-repo";
import type { TestSessionRepo } from "../insights/test-sessions";
import type { CapHitRepo } from "../limits/cap-hits-repo";
import type { RefusedOriginRepo } from "../limits/refused-origins-repo";
import type { UsageRepo } from "../limits/usage-repo";
import type { ReviewRepo } from "../review/review-repo";
import type { WebhookRepo } from "../webhooks/webhook-repo";

/**
 * Every stored thing, one async repository per feature. Services and routes take the few they use
 * (`Pick<Repositories, …>`); the composition root picks the database that implements them.
 */
export interface Repositories {
  businesses: BusinessRepo;
  agents: AgentRepo;
  documents: DocumentRepo;
  /** Which instance ingests which business. */
  ingestLeases: IngestLeaseRepo;
  sessions: SessionRepo;
  transcripts: TranscriptRepo;
  conversations: ConversationRepo;
  retention: RetentionRepo;
  usage: UsageRepo;
  capHits: CapHitRepo;
  refusedOrigins: RefusedOriginRepo;
  webhooks: WebhookRepo;
  checks: CheckRepo;
  suggestions: SuggestionRepo;
  curated: CuratedRepo;
  feedback: FeedbackRepo;
  insights: InsightsRepo;
  testSessions: TestSessionRepo;
  review: ReviewRepo;
  /** The offline answerer's stored sentence vectors. */
  sentenceVectors: SentenceVectorRepo;
}
