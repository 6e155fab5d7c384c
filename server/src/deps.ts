import { join, resolve } from "node:path";
import { ensureAdminToken } from "./admin-token";
import { createMemoryPresence, type Presence } from "./agents/presence";
import { markInterruptedTurns } from "./chat/mark-interrupted-turns";
import { startRetentionSweep } from "./chat/retention-sweep";
import { prepareDataDir } from "./data-dir";
import { type Db, openDatabase } from "./db/client";
import { findDocumentById } from "./documents/document-repo";
import { createExtractionSandbox } from "./documents/extraction-sandbox";
import { createDiskFileStore, type FileStore } from "./documents/file-store";
import { type IngestDeps, ingestDocument } from "./documents/ingest-document";
import { createIngestionScheduler, type IngestionQueue } from "./documents/ingestion-scheduler";
import type { Config } from "./env";
import { withEmbeddingCache } from "./providers/cached-embedder";
import type { ChatModel } from "./providers/chat-model";
import type { Embedder } from "./providers/embedder";
import { createOfflineEmbedder } from "./providers/offline-embedder";
import { createOpenAIChatModel } from "./providers/openai-chat-model";
import { createOpenAIClient } from "./providers/openai-client";
import { createOpenAIEmbedder } from "./providers/openai-embedder";
import { createLanceStore } from "./rag/lance-store";
import { reembedChangedModels } from "./rag/reembed-changed-models";
import type { VectorStore } from "./rag/vector-store";
import { createWebhookDispatcher, type WebhookDispatcher } from "./webhooks/webhook-dispatcher";
import { type ResolveHost, resolveWithDns } from "./webhooks/webhook-url";

export { VERSION } from "./version";

import { VERSION } from "./version";

/** Everything with a side effect, chosen once from the config and passed to routes and verbs. */
export interface Deps {
  config: Config;
  version: string;
  adminToken: string;
  db: Db;
  files: FileStore;
  store: VectorStore;
  embedder: Embedder;
  /** Null with no API key: the offline extractive answerer speaks instead. */
  chatModel: ChatModel | null;
  ingestion: IngestionQueue;
  now: () => Date;
  onBusinessDeleted: (businessId: number) => void;
  /** Agents with the inbox open, per business. */
  presence: Presence;
  /** Set by the inbox: a deleted agent's sockets close and its conversations go back to the queue. */
  onAgentDeleted: (businessId: number, agentId: number) => void;
  webhooks: WebhookDispatcher;
  /** Resolves a webhook's host name, to refuse private targets. */
  resolveHost: ResolveHost;
  publicDir: string;
  close(): Promise<void>;
}

export interface DepsOverrides {
  embedder?: Embedder;
  /** Tests wrap the disk store to fail on purpose (a full disk). */
  files?: (disk: FileStore) => FileStore;
  chatModel?: ChatModel | null;
  now?: () => Date;
  announce?: (line: string) => void;
  resolveHost?: ResolveHost;
}

/**
 * The longest `retry-after` a chat answer waits out before its one retry; a model asking for more
 * (a rate limit reset a minute away) gets the visitor an error frame at once instead of a silent
 * minute. A choice, not a measurement: the SDK's own ceiling is 60 s.
 */
const CHAT_MAX_RETRY_WAIT_MS = 10_000;

const defaultPublicDir = resolve(import.meta.dir, "../../widget/dist");

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  await prepareDataDir(config.dataDir);
  const announce = overrides.announce ?? ((line: string) => console.log(line));
  const adminToken = await ensureAdminToken({
    fromEnv: config.adminToken,
    dataDir: config.dataDir,
    announce,
  });
  const db = openDatabase(join(config.dataDir, "supportal.sqlite"));
  const disk = await createDiskFileStore(join(config.dataDir, "files"));
  const files = overrides.files ? overrides.files(disk) : disk;
  const store = await createLanceStore(join(config.dataDir, "lancedb"));
  const client = config.openai
    ? createOpenAIClient({ ...config.openai, timeoutMs: config.modelTimeoutMs, maxRetries: 3 })
    : null;
  const embedder = withEmbeddingCache(
    overrides.embedder ??
      (client
        ? createOpenAIEmbedder({ client, model: config.embeddingModel })
        : createOfflineEmbedder({ workers: config.embedWorkers })),
  );
  const chatModel =
    overrides.chatModel !== undefined
      ? overrides.chatModel
      : config.openai
        ? createOpenAIChatModel({
            // A customer is waiting: one retry on a transient error, then an honest error frame.
            client: createOpenAIClient({
              ...config.openai,
              timeoutMs: config.modelTimeoutMs,
              maxRetries: 1,
              maxRetryWaitMs: CHAT_MAX_RETRY_WAIT_MS,
            }),
            model: config.chatModel,
            timeoutMs: config.modelTimeoutMs,
          })
        : null;
  const now = overrides.now ?? (() => new Date());
  const resolveHost = overrides.resolveHost ?? resolveWithDns;
  const webhooks = createWebhookDispatcher({
    db,
    now,
    settings: config.webhooks,
    resolve: resolveHost,
    userAgent: `Supportal/${VERSION}`,
  });

  const deps: Deps = {
    config,
    version: VERSION,
    adminToken,
    db,
    files,
    store,
    embedder,
    chatModel,
    now,
    onBusinessDeleted: () => undefined,
    presence: createMemoryPresence(),
    onAgentDeleted: () => undefined,
    webhooks,
    resolveHost,
    publicDir: defaultPublicDir,
    ingestion: createIngestion(config, { db, files, store, embedder, now }),
    async close() {
      stopRetentionSweep();
      await deps.ingestion.stop();
      await webhooks.stop();
      await store.close();
      await embedder.close?.();
      db.$client.close();
    },
  };
  const stopRetentionSweep = startRetentionSweep(db, {
    everyMs: config.retentionSweepMs,
    now,
    defaultDays: config.retentionDays,
    log: announce,
  });
  const interrupted = markInterruptedTurns(db, now().toISOString());
  if (interrupted > 0) announce(`${interrupted} answer(s) cut off by the last stop were marked unanswered.`);
  await reembedChangedModels(deps, announce);
  webhooks.start();
  return deps;
}

/** Background ingestion: fair between businesses, extraction sandboxed within the configured budgets. */
function createIngestion(config: Config, deps: Omit<IngestDeps, "extract" | "maxAttempts">): IngestionQueue {
  const ingest: IngestDeps = {
    ...deps,
    extract: createExtractionSandbox({
      memoryBytes: config.extraction.memoryMb * 1024 * 1024,
      timeoutMs: config.extraction.timeoutMs,
      limits: { maxChars: config.extraction.maxChars, maxChunks: config.extraction.maxChunks },
      chunking: { size: config.chunkSize, overlap: config.chunkOverlap },
    }),
    maxAttempts: config.ingestMaxAttempts,
  };
  return createIngestionScheduler({
    businessOf: (documentId) => findDocumentById(deps.db, documentId)?.businessId,
    run: (documentId, turn) => ingestDocument(ingest, documentId, turn),
  });
}
