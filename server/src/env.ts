import { join } from "node:path";
import * as z from "zod";
import { parseTrustedProxies } from "./http/client-address";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "must be 1, 0, true, false, yes or no" })
  .transform((value) => value === "1" || value === "true" || value === "yes");
const percent = z.coerce.number().int().min(1).max(100);

/** The environment as the contract defines it; the only place that reads `process.env`. */
export const EnvSchema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    SUPPORTAL_DATA_DIR: z.string().min(1).default("./data"),
    SUPPORTAL_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.url().optional(),
    SUPPORTAL_CHAT_MODEL: z.string().min(1).default("gpt-4o-mini"),
    SUPPORTAL_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
    SUPPORTAL_CHUNK_SIZE: positiveInt.min(200).max(8000).default(1000),
    SUPPORTAL_CHUNK_OVERLAP: z.coerce.number().int().min(0).default(200),
    SUPPORTAL_TOP_K: positiveInt.max(50).default(5),
    SUPPORTAL_MAX_FILE_SIZE: positiveInt.default(10 * 1024 * 1024),
    SUPPORTAL_MODEL_TIMEOUT_MS: positiveInt.default(30_000),
    SUPPORTAL_DAILY_MESSAGE_LIMIT: positiveInt.default(5_000),
    SUPPORTAL_SESSION_DAILY_SHARE: percent.default(10),
    SUPPORTAL_IP_DAILY_SHARE: percent.default(20),
    SUPPORTAL_SESSION_RATE_PER_MINUTE: positiveInt.default(20),
    SUPPORTAL_IP_RATE_PER_MINUTE: positiveInt.default(60),
    SUPPORTAL_MAX_SOCKETS_PER_IP: positiveInt.default(20),
    SUPPORTAL_EMBED_WORKERS: positiveInt.max(16).optional(),
    SUPPORTAL_EXTRACT_MEMORY_MB: positiveInt.min(64).default(1024),
    SUPPORTAL_EXTRACT_TIMEOUT_MS: positiveInt.min(100).default(120_000),
    SUPPORTAL_MAX_DOCUMENT_CHARS: positiveInt.default(5_000_000),
    SUPPORTAL_MAX_DOCUMENT_CHUNKS: positiveInt.default(10_000),
    SUPPORTAL_INGEST_MAX_ATTEMPTS: positiveInt.max(20).default(3),
    SUPPORTAL_INGEST_LEASE_MS: positiveInt.min(1000).max(600_000).default(30_000),
    SUPPORTAL_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
    SUPPORTAL_WEBHOOK_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
    SUPPORTAL_WEBHOOK_RETRY_BASE_MS: positiveInt.default(10_000),
    SUPPORTAL_TRUST_PROXY: z
      .string()
      .transform((text, context) => {
        const parsed = parseTrustedProxies(text);
        if (Array.isArray(parsed)) return parsed;
        context.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      })
      .optional(),
    SUPPORTAL_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be the server's public http(s) address" })
      .optional(),
    SUPPORTAL_RETENTION_DAYS: positiveInt.max(36_500).optional(),
    SUPPORTAL_RETENTION_SWEEP_MINUTES: positiveInt.max(7 * 24 * 60).default(60),
    SUPPORTAL_AGENT_IDLE_MS: positiveInt.default(300_000),
    SUPPORTAL_REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// address" })
      .optional(),
    SUPPORTAL_DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// address" })
      .optional(),
    SUPPORTAL_VECTOR_URI: z
      .string()
      .refine((uri) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || /^s3:\/\/[^/]+/.test(uri), {
        message: "must be s3://bucket/prefix or a directory",
      })
      .optional(),
    SUPPORTAL_FILES_URI: z
      .string()
      .refine((uri) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || /^s3:\/\/[^/]+/.test(uri), {
        message: "must be s3://bucket/prefix or a directory",
      })
      .optional(),
    SUPPORTAL_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) address" }).optional(),
    SUPPORTAL_S3_REGION: z.string().min(1).optional(),
    SUPPORTAL_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    SUPPORTAL_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    SUPPORTAL_S3_SESSION_TOKEN: z.string().min(1).optional(),
    SUPPORTAL_VECTOR_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  })
  .refine((env) => env.SUPPORTAL_CHUNK_OVERLAP < env.SUPPORTAL_CHUNK_SIZE, {
    path: ["SUPPORTAL_CHUNK_OVERLAP"],
    message: "must be smaller than SUPPORTAL_CHUNK_SIZE",
  })
  .refine((env) => !env.SUPPORTAL_S3_SECRET_ACCESS_KEY === !env.SUPPORTAL_S3_ACCESS_KEY_ID, {
    path: ["SUPPORTAL_S3_SECRET_ACCESS_KEY"],
    message: "must be set together with SUPPORTAL_S3_ACCESS_KEY_ID",
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken?: string;
  openai?: { apiKey?: string; baseURL?: string };
  chatModel: string;
  embeddingModel: string;
  chunkSize: number;
  chunkOverlap: number;
  topK: number;
  maxFileSize: number;
  modelTimeoutMs: number;
  dailyMessageLimit: number;
  /** Percent of a business's daily cap one chat session, and one client address, may use. */
  sessionDailySharePercent: number;
  ipDailySharePercent: number;
  sessionRatePerMinute: number;
  ipRatePerMinute: number;
  maxSocketsPerIp: number;
  embedWorkers?: number;
  /** The extraction sandbox's budgets, and what one document may hold. */
  extraction: { memoryMb: number; timeoutMs: number; maxChars: number; maxChunks: number };
  ingestMaxAttempts: number;
  /** How long an instance's hold on a business's ingestion lasts unrenewed (a crashed one's, then free). */
  ingestLeaseMs: number;
  webhooks: { allowPrivate: boolean; timeoutMs: number; retryBaseMs: number };
  /** Proxies whose `Forwarded`/`X-Forwarded-For` name the client; empty: those headers are ignored. */
  trustedProxies: string[];
  /** The origin the server's own pages are served from, as browsers see it (behind a proxy too). */
  publicOrigin?: string;
  /** Messages older than this many days are deleted (null: kept), unless a business sets its own. */
  retentionDays: number | null;
  retentionSweepMs: number;
  /** An agent holding a conversation this long without a word or keystroke hands it back. */
  agentIdleMs: number;
  /** Set: sessions, limits and presence are shared through this Redis with the other instances. */
  redisUrl?: string;
  /** Set: the data lives in this PostgreSQL (shared with the other instances) instead of SQLite. */
  databaseUrl?: string;
  vectors: VectorConfig;
  /** Where uploaded originals are kept: a directory, or `s3://bucket/prefix` with `s3` options. */
  files: { uri: string; s3: S3Options };
}

/** The `SUPPORTAL_S3_*` options, for the originals' bucket. */
export interface S3Options {
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/** Where LanceDB keeps the business tables. */
export interface VectorConfig {
  /** A directory, or `s3://bucket/prefix`. */
  uri: string;
  /** True when other instances may write the same tables (`SUPPORTAL_VECTOR_URI` set). */
  shared: boolean;
  /** LanceDB's object-store options (endpoint, region, credentials); empty for a directory. */
  storageOptions: Record<string, string>;
  /** How stale a shared table read may be: other instances' writes show after at most this. */
  refreshMs: number;
}

export function configFromEnv(env: Env): Config {
  const usesOpenAI = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.SUPPORTAL_DATA_DIR,
    adminToken: env.SUPPORTAL_ADMIN_TOKEN,
    openai: usesOpenAI ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL } : undefined,
    chatModel: env.SUPPORTAL_CHAT_MODEL,
    embeddingModel: env.SUPPORTAL_EMBEDDING_MODEL,
    chunkSize: env.SUPPORTAL_CHUNK_SIZE,
    chunkOverlap: env.SUPPORTAL_CHUNK_OVERLAP,
    topK: env.SUPPORTAL_TOP_K,
    maxFileSize: env.SUPPORTAL_MAX_FILE_SIZE,
    modelTimeoutMs: env.SUPPORTAL_MODEL_TIMEOUT_MS,
    dailyMessageLimit: env.SUPPORTAL_DAILY_MESSAGE_LIMIT,
    sessionDailySharePercent: env.SUPPORTAL_SESSION_DAILY_SHARE,
    ipDailySharePercent: env.SUPPORTAL_IP_DAILY_SHARE,
    sessionRatePerMinute: env.SUPPORTAL_SESSION_RATE_PER_MINUTE,
    ipRatePerMinute: env.SUPPORTAL_IP_RATE_PER_MINUTE,
    maxSocketsPerIp: env.SUPPORTAL_MAX_SOCKETS_PER_IP,
    embedWorkers: env.SUPPORTAL_EMBED_WORKERS,
    extraction: {
      memoryMb: env.SUPPORTAL_EXTRACT_MEMORY_MB,
      timeoutMs: env.SUPPORTAL_EXTRACT_TIMEOUT_MS,
      maxChars: env.SUPPORTAL_MAX_DOCUMENT_CHARS,
      maxChunks: env.SUPPORTAL_MAX_DOCUMENT_CHUNKS,
    },
    ingestMaxAttempts: env.SUPPORTAL_INGEST_MAX_ATTEMPTS,
    ingestLeaseMs: env.SUPPORTAL_INGEST_LEASE_MS,
    webhooks: {
      allowPrivate: env.SUPPORTAL_WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: env.SUPPORTAL_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.SUPPORTAL_WEBHOOK_RETRY_BASE_MS,
    },
    trustedProxies: env.SUPPORTAL_TRUST_PROXY ?? [],
    publicOrigin: env.SUPPORTAL_PUBLIC_URL ? new URL(env.SUPPORTAL_PUBLIC_URL).origin : undefined,
    retentionDays: env.SUPPORTAL_RETENTION_DAYS ?? null,
    retentionSweepMs: env.SUPPORTAL_RETENTION_SWEEP_MINUTES * 60_000,
    agentIdleMs: env.SUPPORTAL_AGENT_IDLE_MS,
    redisUrl: env.SUPPORTAL_REDIS_URL,
    databaseUrl: env.SUPPORTAL_DATABASE_URL,
    vectors: vectorConfig(env),
    files: {
      uri: env.SUPPORTAL_FILES_URI ?? join(env.SUPPORTAL_DATA_DIR, "files"),
      s3: {
        endpoint: env.SUPPORTAL_S3_ENDPOINT,
        region: env.SUPPORTAL_S3_REGION,
        accessKeyId: env.SUPPORTAL_S3_ACCESS_KEY_ID,
        secretAccessKey: env.SUPPORTAL_S3_SECRET_ACCESS_KEY,
        sessionToken: env.SUPPORTAL_S3_SESSION_TOKEN,
      },
    },
  };
}

function vectorConfig(env: Env): VectorConfig {
  const uri = env.SUPPORTAL_VECTOR_URI;
  const options: Record<string, string | undefined> = {
    endpoint: env.SUPPORTAL_S3_ENDPOINT,
    region: env.SUPPORTAL_S3_REGION,
    aws_access_key_id: env.SUPPORTAL_S3_ACCESS_KEY_ID,
    aws_secret_access_key: env.SUPPORTAL_S3_SECRET_ACCESS_KEY,
    aws_session_token: env.SUPPORTAL_S3_SESSION_TOKEN,
    // object_store refuses plain HTTP unless told; an http:// endpoint is the operator saying so.
    allow_http: env.SUPPORTAL_S3_ENDPOINT?.startsWith("http:") ? "true" : undefined,
  };
  const storageOptions = uri?.startsWith("s3://")
    ? Object.fromEntries(
        Object.entries(options).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
    : {};
  return {
    uri: uri ?? join(env.SUPPORTAL_DATA_DIR, "lancedb"),
    shared: uri !== undefined,
    storageOptions,
    refreshMs: env.SUPPORTAL_VECTOR_REFRESH_MS,
  };
}

/** Parses the environment, or returns the lines that name each bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config | { errors: string[] } {
  // An empty variable (FOO=) means "unset", as most twelve-factor apps treat it.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (parsed.success) return configFromEnv(parsed.data);
  return {
    errors: parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
  };
}

export function readProcessEnv(): Record<string, string | undefined> {
  return process.env;
}
