/**
 * The PostgreSQL schema: the SQLite one (`schema.ts`) table for table and column for column, so that
 * rows read back have the same shape. Timestamps stay ISO text (they compare as they sort), JSON is
 * text too (see pg-column-types.ts), and tables whose order SQLite takes from its rowid get a `seq`.
 */
import type { BusinessHours, CheckExpect, Contact, Source, WebhookEvent } from "@supportal/shared";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { bytes, jsonText } from "./pg-column-types";

const timestamps = {
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
};

export const businesses = pgTable("businesses", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  allowedOrigins: jsonText<string[]>("allowed_origins").notNull().default(sql`'[]'`),
  systemPrompt: text("system_prompt"),
  greeting: text("greeting"),
  theme: jsonText<Record<string, string>>("theme").notNull().default(sql`'{}'`),
  dailyMessageLimit: integer("daily_message_limit"),
  /** Per-session messages a minute; null: the server's SUPPORTAL_SESSION_RATE_PER_MINUTE. */
  sessionRatePerMinute: integer("session_rate_per_minute"),
  /** Messages older than this many days are deleted by the retention sweep; null: SUPPORTAL_RETENTION_DAYS. */
  retentionDays: integer("retention_days"),
  apiKeyHash: text("api_key_hash").notNull(),
  /** The embedder whose vectors fill this business's LanceDB table (null: no table yet). */
  embeddingModel: text("embedding_model"),
  handoffEnabled: boolean("handoff_enabled").notNull().default(true),
  businessHours: jsonText<BusinessHours>("business_hours"),
  handoffAfterNotFound: integer("handoff_after_not_found"),
  ...timestamps,
});

export const documents = pgTable(
  "documents",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: ["pdf", "docx", "txt", "markdown"] }).notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    status: text("status", { enum: ["pending", "processing", "ready", "failed"] }).notNull(),
    error: text("error"),
    chunkCount: integer("chunk_count").notNull().default(0),
    pageCount: integer("page_count"),
    /** Ingestion runs started for this version, counted before the work so a crash still counts. */
    ingestAttempts: integer("ingest_attempts").notNull().default(0),
    /** The document's first heading, as ingestion found it. */
    extractedTitle: text("extracted_title"),
    /** The title the owner gave it in the dashboard; wins over the extracted one, kept across versions. */
    title: text("title"),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("documents_business_sha").on(table.businessId, table.sha256),
    index("documents_status").on(table.status),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    createdAt: text("created_at").notNull(),
    lastMessageAt: text("last_message_at"),
    messageCount: integer("message_count").notNull().default(0),
    mode: text("mode", { enum: ["ai", "waiting", "human", "closed"] })
      .notNull()
      .default("ai"),
    /** The person answering while `human`; kept as a name too, so a deleted agent's reply stays signed. */
    agentId: integer("agent_id"),
    agentName: text("agent_name"),
    contact: jsonText<Contact>("contact"),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.id] })],
);

export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    sender: text("sender", { enum: ["user", "assistant", "agent", "system"] }).notNull(),
    message: text("message").notNull(),
    sources: jsonText<unknown[]>("sources"),
    /** Set on assistant answers that found nothing relevant: the dashboard's knowledge gaps. */
    unanswered: boolean("unanswered").notNull().default(false),
    /** Set on assistant answers given on little evidence: possible knowledge gaps. */
    lowEvidence: boolean("low_evidence").notNull().default(false),
    agentName: text("agent_name"),
    createdAt: text("created_at").notNull(),
    /** Insertion order, as SQLite's rowid gives it: messages of one millisecond keep their order. */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  },
  (table) => [
    index("messages_seq").on(table.businessId, table.sessionId, table.seq),
    index("messages_session").on(table.businessId, table.sessionId, table.createdAt),
    index("messages_business_day").on(table.businessId, table.createdAt),
  ],
);

/** People of a business who answer in the inbox; only a hash of each token is kept. */
export const agents = pgTable(
  "agents",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [index("agents_business").on(table.businessId)],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: jsonText<WebhookEvent[]>("events").notNull(),
    /** Kept in clear: every delivery is signed with it (HMAC needs the secret, not a hash of it). */
    secret: text("secret").notNull(),
    ...timestamps,
  },
  (table) => [index("webhooks_business").on(table.businessId)],
);

/** Every event sent to a webhook, with its attempts: the retry queue and the delivery log at once. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    businessId: integer("business_id").notNull(),
    event: text("event").$type<WebhookEvent>().notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    nextAttemptAt: text("next_attempt_at"),
    deliveredAt: text("delivered_at"),
    createdAt: text("created_at").notNull(),
  },
  (table) => [
    index("deliveries_due").on(table.status, table.nextAttemptAt),
    index("deliveries_webhook").on(table.webhookId, table.createdAt),
  ],
);

/**
 * Customer messages a UTC day, kept as counters in the message's own transaction (the daily cap
 * reads three rows instead of counting messages). `visitor` is "" for the whole business,
 * `s:<sessionId>` for one chat and `ip:<address>` for one client address; visitor rows of past days
 * are pruned, the business's own row stays as its history.
 */
export const dailyUsage = pgTable(
  "daily_usage",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    visitor: text("visitor").notNull(),
    messages: integer("messages").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.day, table.visitor] })],
);

/**
 * Each time a daily cap refused a customer, once per day, scope and visitor: when, who, how often.
 * `visitor` is "" for the business's whole cap, the session id or the address for one visitor's share.
 */
export const capHits = pgTable(
  "cap_hits",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    scope: text("scope", { enum: ["business", "session", "ip"] }).notNull(),
    visitor: text("visitor").notNull(),
    /** The session and address of the first refused message. */
    sessionId: text("session_id").notNull(),
    ip: text("ip").notNull(),
    firstAt: text("first_at").notNull(),
    lastAt: text("last_at").notNull(),
    refused: integer("refused").notNull().default(1),
    /** For the business's cap: who had sent the most that day when it was reached. */
    topVisitors: jsonText<{ visitor: string; messages: number }[]>("top_visitors"),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.day, table.scope, table.visitor] })],
);

/** Sites refused by a business's allowed origins (widget config and chat handshakes), bounded per business. */
export const refusedOrigins = pgTable(
  "refused_origins",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    origin: text("origin").notNull(),
    attempts: integer("attempts").notNull().default(1),
    firstAt: text("first_at").notNull(),
    lastAt: text("last_at").notNull(),
    /** Insertion order, as SQLite's rowid gives it: the newest of one millisecond is kept. */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.origin] })],
);

/** A visitor's rating of one assistant answer; a later rating of the same answer replaces it. */
export const answerFeedback = pgTable(
  "answer_feedback",
  {
    messageId: text("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    rating: text("rating", { enum: ["up", "down"] }).notNull(),
    comment: text("comment"),
    ...timestamps,
  },
  (table) => [index("feedback_business").on(table.businessId, table.updatedAt)],
);

/** Answers the owner took out of the review queue. */
export const reviewDismissals = pgTable(
  "review_dismissals",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    dismissedAt: text("dismissed_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.messageId] })],
);

/** The owner's own "Try it" conversations: left out of insights, gaps and the review queue. */
export const testSessions = pgTable(
  "test_sessions",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.sessionId] })],
);

/** The owner's own answers to questions, matched before retrieval. */
export const curatedAnswers = pgTable(
  "curated_answers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    variants: jsonText<string[]>("variants").notNull().default(sql`'[]'`),
    answer: text("answer").notNull(),
    documentId: integer("document_id").references(() => documents.id, { onDelete: "set null" }),
    uses: integer("uses").notNull().default(0),
    ...timestamps,
  },
  (table) => [index("curated_business").on(table.businessId)],
);

/** Golden questions: asked again after every change of the documents. */
export const checks = pgTable(
  "checks",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    expect: jsonText<CheckExpect>("expect").notNull(),
    ...timestamps,
  },
  (table) => [index("checks_business").on(table.businessId)],
);

export const checkRuns = pgTable(
  "check_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: ["manual", "documents", "model", "checks"] }).notNull(),
    reason: text("reason").notNull().default(""),
    status: text("status", { enum: ["running", "done"] }).notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    total: integer("total").notNull().default(0),
    passed: integer("passed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    regressions: integer("regressions").notNull().default(0),
  },
  (table) => [index("check_runs_business").on(table.businessId, table.id)],
);

/** One check's outcome in one run; the check's question is kept, so history outlives the check. */
export const checkResults = pgTable(
  "check_results",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => checkRuns.id, { onDelete: "cascade" }),
    checkId: integer("check_id").notNull(),
    question: text("question").notNull(),
    passed: boolean("passed").notNull(),
    regression: boolean("regression").notNull(),
    reason: text("reason").notNull(),
    answer: text("answer").notNull(),
    kind: text("kind", {
      enum: ["curated", "answer", "not_found", "handoff", "small_talk", "error"],
    }).notNull(),
    sources: jsonText<Source[]>("sources").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.checkId] }),
    index("check_results_check").on(table.checkId),
  ],
);

/** Starter checks: questions a document's headings ask, offered to the owner until accepted or dismissed. */
export const checkSuggestions = pgTable(
  "check_suggestions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [uniqueIndex("check_suggestions_question").on(table.businessId, table.question)],
);

/**
 * The offline answerer's sentence vectors, made once per document (after it is ready) instead of at
 * every question. Keyed by the sentence's text hash and the model that made the vector, so a changed
 * sentence or model simply misses; tied to its document, so deleting the document deletes them.
 */
export const sentenceVectors = pgTable(
  "sentence_vectors",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    embedderId: text("embedder_id").notNull(),
    /** SHA-256 of the sentence's text, base64url. */
    textHash: text("text_hash").notNull(),
    /** Little-endian float32s. */
    vector: bytes("vector").notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.embedderId, table.textHash] })],
);

/**
 * Which instance ingests a business's documents, until when: one holder per business at a time, so
 * only one instance writes a business's vector table. Renewed while the holder works; an expired
 * lease (a crashed instance) is taken over by another.
 */
export const ingestLeases = pgTable("ingest_leases", {
  businessId: integer("business_id")
    .primaryKey()
    .references(() => businesses.id, { onDelete: "cascade" }),
  /** The holder's instance id (`instance-id` in its data dir). */
  owner: text("owner").notNull(),
  /** The document it took the lease for, for whoever looks. */
  documentId: integer("document_id").notNull(),
  /** ISO time the lease runs out unless renewed. */
  until: text("until").notNull(),
});
