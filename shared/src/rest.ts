import * as z from "zod/mini";
import { MAX_NAME_CHARS, MAX_SEARCH_K, MAX_SYSTEM_PROMPT_CHARS } from "./limits";
import { normalizeOrigin } from "./origin";
import { BusinessHours, Contact, ConversationMode } from "./people";
import { Message } from "./protocol";
import { FeedbackInsights } from "./quality";

const HexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1f6feb"));

/**
 * An origin as browsers send it: http(s), host and optional port, nothing else. The server stores
 * it normalised (`normalizeOrigin`): `https://Shop.Example.com:443` is kept as `https://shop.example.com`.
 */
export const Origin = z
  .string()
  .check(
    z.refine(
      (text) => normalizeOrigin(text) !== null,
      "an origin like https://shop.example.com (a port from 1 to 65535, no path)",
    ),
  );

export const Theme = z.object({
  color: z.optional(HexColor),
  title: z.optional(z.string().check(z.maxLength(80))),
  position: z.optional(z.enum(["right", "left"])),
});
export type Theme = z.infer<typeof Theme>;

const businessFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_CHARS)),
  allowedOrigins: z.array(Origin).check(z.maxLength(50)),
  systemPrompt: z.nullable(z.string().check(z.maxLength(MAX_SYSTEM_PROMPT_CHARS))),
  greeting: z.nullable(z.string().check(z.maxLength(500))),
  theme: Theme,
  /** Customer messages a day across all sessions; null means the server default. */
  dailyMessageLimit: z.nullable(z.int().check(z.minimum(1), z.maximum(1_000_000))),
  /** Customer messages per chat session per minute; null means the server default. */
  sessionRatePerMinute: z.nullable(z.int().check(z.minimum(1), z.maximum(600))),
  /** Days a message is kept, then deleted by the retention sweep; null means the server default. */
  retentionDays: z.nullable(z.int().check(z.minimum(1), z.maximum(36_500))),
  /** Visitors may ask for a person (the widget shows "Talk to a person"). */
  handoffEnabled: z.boolean(),
  /** When people answer; null: whenever an agent has the inbox open. */
  businessHours: z.nullable(BusinessHours),
  /** After this many not-found answers in a row the assistant offers a person; null: never. */
  handoffAfterNotFound: z.nullable(z.int().check(z.minimum(1), z.maximum(20))),
};

export const BusinessCreate = z.strictObject({
  name: businessFields.name,
  allowedOrigins: z.optional(businessFields.allowedOrigins),
  systemPrompt: z.optional(businessFields.systemPrompt),
  greeting: z.optional(businessFields.greeting),
  theme: z.optional(businessFields.theme),
  dailyMessageLimit: z.optional(businessFields.dailyMessageLimit),
  sessionRatePerMinute: z.optional(businessFields.sessionRatePerMinute),
  retentionDays: z.optional(businessFields.retentionDays),
  handoffEnabled: z.optional(businessFields.handoffEnabled),
  businessHours: z.optional(businessFields.businessHours),
  handoffAfterNotFound: z.optional(businessFields.handoffAfterNotFound),
});
export type BusinessCreate = z.infer<typeof BusinessCreate>;

export const BusinessPatch = z.partial(BusinessCreate);
export type BusinessPatch = z.infer<typeof BusinessPatch>;

export const Business = z.object({
  id: z.int(),
  ...businessFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Business = z.infer<typeof Business>;

export const BusinessWithKey = z.extend(Business, { apiKey: z.string() });
export type BusinessWithKey = z.infer<typeof BusinessWithKey>;
export const BusinessList = z.object({ businesses: z.array(Business) });
export const ApiKeyAnswer = z.object({ apiKey: z.string() });

/** What the widget may read without a credential: nothing secret. */
export const PublicConfig = z.object({
  id: z.int(),
  name: z.string(),
  greeting: z.nullable(z.string()),
  theme: Theme,
  handoffEnabled: z.optional(z.boolean()),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

export const DocumentType = z.enum(["pdf", "docx", "txt", "markdown"]);
export type DocumentType = z.infer<typeof DocumentType>;
export const DocumentStatus = z.enum(["pending", "processing", "ready", "failed"]);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const Document = z.object({
  id: z.int(),
  name: z.string(),
  type: DocumentType,
  size: z.int(),
  status: DocumentStatus,
  chunkCount: z.int(),
  pageCount: z.optional(z.int()),
  error: z.optional(z.string()),
  /** True when this upload matched a document the business already had. */
  duplicate: z.optional(z.boolean()),
  /** What citations call it: the owner's title, else the document's first heading (absent: neither). */
  title: z.optional(z.string()),
  /** True when `title` is the owner's, set with PATCH; false when it comes from the document. */
  titleEdited: z.optional(z.boolean()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Document = z.infer<typeof Document>;
export const DocumentList = z.object({ documents: z.array(Document) });

/** PATCH of a document: its title (null gives back the one found in the document). */
export const DocumentPatch = z.strictObject({
  title: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_CHARS))),
});
export type DocumentPatch = z.infer<typeof DocumentPatch>;

export const SearchRequest = z.strictObject({
  query: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  k: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_SEARCH_K))),
  /** `hybrid` (the default, what the chat uses), or one list alone: `vector` or full-`text`. */
  mode: z.optional(z.enum(["hybrid", "vector", "text"])),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const SearchResult = z.object({
  documentId: z.int(),
  documentName: z.string(),
  chunkIndex: z.int(),
  text: z.string(),
  score: z.number(),
  page: z.optional(z.int()),
  heading: z.optional(z.string()),
});
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchAnswer = z.object({ results: z.array(SearchResult) });

export const SessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.nullable(z.string()),
  messageCount: z.int(),
  lastMessage: z.optional(z.string()),
  mode: z.optional(ConversationMode),
  /** The first customer question. */
  title: z.optional(z.string()),
  agentName: z.optional(z.string()),
  contact: z.optional(Contact),
  /** The latest assistant answer found nothing in the documents. */
  unanswered: z.optional(z.boolean()),
});
export type SessionSummary = z.infer<typeof SessionSummary>;
export const SessionList = z.object({ sessions: z.array(SessionSummary) });
/** Who answers a conversation now, and the address a visitor left: in transcripts and exports. */
const conversationState = {
  mode: z.optional(ConversationMode),
  agentName: z.optional(z.string()),
  contact: z.optional(Contact),
};
export const Transcript = z.object({ id: z.string(), messages: z.array(Message), ...conversationState });

export const Health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  providers: z.object({ embeddings: z.string(), chat: z.string() }),
});
export type Health = z.infer<typeof Health>;

// Dashboard endpoints: knowledge gaps, citations, activity, message search and export.

/** `?days=` on insights: a whole number of days back from today (UTC), 1 to 365. */
export const InsightsQuery = z.object({
  days: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "a whole number of days"))),
});

/** A customer question the assistant could not answer from the documents, grouped by wording. */
export const KnowledgeGap = z.object({
  question: z.string(),
  count: z.int(),
  lastAskedAt: z.string(),
  /** The latest session that asked it, to open its transcript. */
  sessionId: z.string(),
  /**
   * True when every answer to it was given, but on little evidence (a possible gap); false or absent
   * when at least one answer found nothing.
   */
  lowEvidence: z.optional(z.boolean()),
});
export type KnowledgeGap = z.infer<typeof KnowledgeGap>;

export const CitedDocument = z.object({
  documentId: z.int(),
  documentName: z.string(),
  /** Answers that cited the document at least once. */
  citations: z.int(),
  /** False when the document has since been deleted. */
  exists: z.boolean(),
});
export type CitedDocument = z.infer<typeof CitedDocument>;

export const DailyActivity = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  messages: z.int(),
  questions: z.int(),
});
export type DailyActivity = z.infer<typeof DailyActivity>;

export const Insights = z.object({
  days: z.int(),
  since: z.string(),
  knowledgeGaps: z.array(KnowledgeGap),
  topDocuments: z.array(CitedDocument),
  messagesPerDay: z.array(DailyActivity),
  /** Ratings of answers (👍/👎): by day and by cited document. */
  feedback: z.optional(FeedbackInsights),
  /** The owner's own "Try it" conversations, left out of every figure above. */
  testSessions: z.optional(z.int()),
});
export type Insights = z.infer<typeof Insights>;

export const MessageSearchQuery = z.object({
  q: z.string().check(z.trim(), z.minLength(1, "a search text"), z.maxLength(200)),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "a whole number up to 999"))),
});

export const MessageHit = z.object({ sessionId: z.string(), message: Message });
export type MessageHit = z.infer<typeof MessageHit>;
export const MessageSearchAnswer = z.object({ results: z.array(MessageHit) });
export type MessageSearchAnswer = z.infer<typeof MessageSearchAnswer>;

export const ExportFormat = z.enum(["csv", "json"]);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportQuery = z.object({ format: z.optional(ExportFormat) });

export const TranscriptExport = z.object({
  businessId: z.int(),
  exportedAt: z.string(),
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastMessageAt: z.nullable(z.string()),
      ...conversationState,
      messages: z.array(Message),
    }),
  ),
});
export type TranscriptExport = z.infer<typeof TranscriptExport>;
