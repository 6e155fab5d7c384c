import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
};

export const businesses = sqliteTable("businesses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  allowedOrigins: text("allowed_origins", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  systemPrompt: text("system_prompt"),
  greeting: text("greeting"),
  theme: text("theme", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  dailyMessageLimit: integer("daily_message_limit"),
  /** Per-session messages a minute; null: the server's SUPPORTAL_SESSION_RATE_PER_MINUTE. */
  sessionRatePerMinute: integer("session_rate_per_minute"),
  apiKeyHash: text("api_key_hash").notNull(),
  /** The embedder whose vectors fill this business's LanceDB table (null: no table yet). */
  embeddingModel: text("embedding_model"),
  ...timestamps,
});

export const documents = sqliteTable(
  "documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    ...timestamps,
  },
  (table) => [
    uniqueIndex("documents_business_sha").on(table.businessId, table.sha256),
    index("documents_status").on(table.status),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    createdAt: text("created_at").notNull(),
    lastMessageAt: text("last_message_at"),
    messageCount: integer("message_count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.businessId, table.id] })],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    businessId: integer("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    sender: text("sender", { enum: ["user", "assistant", "agent", "system"] }).notNull(),
    message: text("message").notNull(),
    sources: text("sources", { mode: "json" }).$type<unknown[]>(),
    /** Set on assistant answers that found nothing relevant: the dashboard's knowledge gaps. */
    unanswered: integer("unanswered", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
  },
  (table) => [
    index("messages_session").on(table.businessId, table.sessionId, table.createdAt),
    index("messages_business_day").on(table.businessId, table.createdAt),
  ],
);
