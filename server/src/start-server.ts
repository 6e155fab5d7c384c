import { join, resolve } from "node:path";
import { ensureAdminToken } from "./admin-token";
import type { Presence } from "./agents/presence";
import { createApp } from "./app";
import type { Answerer } from "./chat/answerer";
import { markInterruptedTurns } from "./chat/mark-interrupted-turns";
import { mountChat } from "./chat/mount-chat";
import { startRetentionSweep } from "./chat/retention-sweep";
import type { SentenceVectorFiller } from "./chat/sentence-vector-filler";
import type { SessionHub } from "./chat/session-hub";
import { createTurnsInFlight, type TurnsInFlight } from "./chat/turns-in-flight";
import { createQualityLoop, type QualityLoop } from "./checks/quality-loop";
import { prepareDataDir } from "./data-dir";
import type { Db } from "./db/client";
import type { Repositories } from "./db/repositories";
import { createDiskFileStore, type FileStore } from "./documents/file-store";
import { createS3FileStore } from "./documents/s3-file-store";
import type { Config } from "./env";
import { nativeServeLimits } from "./http/request-limits";
import { ensureInstanceId } from "./instance-id";
import type { ChatModel } from "./providers/chat-model";
import type { Embedder } from "./providers/embedder";
import { createLanceStore } from "./rag/lance-store";
import { reembedChangedModels } from "./rag/reembed-changed-models";
import type { BestSentences } from "./rag/search-chunks";
import type { VectorStore } from "./rag/vector-store";
import { VERSION } from "./version";
import { createWebhookDispatcher, type WebhookDispatcher } from "./webhooks/webhook-dispatcher";
import { type ResolveHost, resolveWithDns } from "./webhooks/webhook-url";
import { type Chat, createChat } from "./wiring/create-chat";
import { createIngestion, type Ingestion } from "./wiring/create-ingestion";
import { createSentenceFill } from "./wiring/create-sentence-fill";
import { pickDatabase } from "./wiring/pick-database";
import { pickProviders } from "./wiring/pick-providers";
import { pickRealtime } from "./wiring/pick-realtime";

/** What a caller may put in place of a real implementation (tests: a recording embedder, a full disk). */
export interface ServerOverrides {
  embedder?: Embedder;
  /** Wraps the disk store, e.g. to fail on purpose (a full disk). */
  files?: (disk: FileStore) => FileStore;
  chatModel?: ChatModel | null;
  now?: () => Date;
  resolveHost?: ResolveHost;
  /** How long an ingestion lease lasts (tests of a crashed instance move their clock past it). */
  ingestLeaseMs?: number;
}

export interface StartOptions {
  overrides?: ServerOverrides;
  /** Where start-up lines go (the admin token's first showing, re-embedding); the console by default. */
  announce?: (line: string) => void;
}

/** The services one server runs on, for the entry's banner and for tests that look inside. */
export interface Services {
  config: Config;
  version: string;
  adminToken: string;
  repos: Repositories;
  /** The SQLite database behind `repos` (null on PostgreSQL), for tests that break it on purpose. */
  sqlite: Db | null;
  files: FileStore;
  store: VectorStore;
  embedder: Embedder;
  /** Null with no API key: the offline extractive answerer speaks instead. */
  chatModel: ChatModel | null;
  /** What answers a turn once retrieval found evidence (benches call it as a turn does). */
  answerer: Answerer;
  /** Search's reading of the stored sentence vectors (offline only; see `searchChunks`). */
  bestSentences?: BestSentences;
  ingestion: Ingestion;
  webhooks: WebhookDispatcher;
  /** Agents with the inbox open, per business. */
  presence: Presence;
  hub: SessionHub;
  chat: Chat;
  /** Curated answers and golden questions. */
  quality: QualityLoop;
  /** The offline answerer's sentence vectors, stored after each document is ready; null with a chat model. */
  sentenceFill: SentenceVectorFiller | null;
  /** The chat turns being answered now (background bulk work waits for none). */
  turns: TurnsInFlight;
  now: () => Date;
}

export interface StartedServer {
  /** `http://host:port`, the port the OS gave when the config asks for port 0. */
  url: string;
  wsUrl: string;
  port: number;
  services: Services;
  /** Lets running answers finish, closes the sockets, stops background work, then closes storage. */
  stop(): Promise<void>;
}

/** Where `bun run build` puts the widget, the demo page and the dashboard. */
export const PUBLIC_DIR = resolve(import.meta.dir, "../../widget/dist");

/**
 * The composition root: the one place that picks implementations from the config, builds the
 * services, resumes what the last run left, and serves HTTP and WebSocket on `config.host:port`.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<StartedServer> {
  const overrides = options.overrides ?? {};
  const announce = options.announce ?? ((line: string) => console.log(line));

  await prepareDataDir(config.dataDir);
  const adminToken = await ensureAdminToken({
    fromEnv: config.adminToken,
    dataDir: config.dataDir,
    announce,
  });
  const database = await pickDatabase(config);
  const { repos } = database;
  // Originals in a bucket: any instance can ingest what another accepted (temp files stay local).
  const inBucket = config.files.uri.startsWith("s3://");
  const disk = await createDiskFileStore(inBucket ? join(config.dataDir, "files") : config.files.uri);
  const originals = inBucket ? createS3FileStore({ uri: config.files.uri, ...config.files.s3 }, disk) : disk;
  const files = overrides.files ? overrides.files(originals) : originals;
  const { vectors } = config;
  const store = await createLanceStore(
    { uri: vectors.uri, storageOptions: vectors.storageOptions, shared: vectors.shared },
    { refreshMs: vectors.shared ? vectors.refreshMs : undefined },
  );
  const { sentenceVectors } = repos;
  const providers = pickProviders(config, overrides, { sentenceVectors });
  const { embedder } = providers;
  const now = overrides.now ?? (() => new Date());
  const resolveHost = overrides.resolveHost ?? resolveWithDns;
  const webhooks = createWebhookDispatcher({
    repos,
    now,
    settings: config.webhooks,
    resolve: resolveHost,
    userAgent: `Supportal/${VERSION}`,
  });
  const quality = createQualityLoop({ ...providers, repos, store, topK: config.topK, webhooks, now });
  const turns = createTurnsInFlight();
  const sentenceFill = providers.chatModel
    ? null
    : createSentenceFill({
        repos,
        embedder,
        repo: sentenceVectors,
        ingestionIdle: () => ingestion.idle(),
        turnsIdle: () => turns.idle(),
        log: announce,
      });
  const ingestion = createIngestion(config, {
    owner: await ensureInstanceId(config.dataDir),
    leaseMs: overrides.ingestLeaseMs ?? config.ingestLeaseMs,
    repos,
    files,
    store,
    embedder,
    now,
    ...(sentenceFill
      ? {
          beforeReady: (documentId: number, chunks: { text: string }[]) =>
            sentenceFill.steps(
              documentId,
              chunks.map((chunk) => chunk.text),
            ),
        }
      : {}),
    onSettled: async (settled) => {
      await quality.documentSettled(settled);
      if (settled.status === "ready")
        sentenceFill?.enqueue(
          settled.documentId,
          settled.chunks.map((chunk) => chunk.text),
        );
    },
  });
  const realtime = await pickRealtime(config, now);
  const { hub, presence } = realtime;

  const stopRetentionSweep = await startRetentionSweep(repos.retention, {
    everyMs: config.retentionSweepMs,
    now,
    defaultDays: config.retentionDays,
    log: announce,
  });
  const interrupted = await markInterruptedTurns(repos.sessions, now().toISOString());
  if (interrupted > 0) announce(`${interrupted} answer(s) cut off by the last stop were marked unanswered.`);
  await reembedChangedModels({ repos, store, embedder, ingestion, now }, announce);
  webhooks.start();

  const chat = await createChat(config, {
    ...providers,
    ...realtime,
    repos,
    store,
    webhooks,
    adminToken,
    now,
    curated: quality.curated,
    turns,
  });
  // A business deleted through another instance: its sockets here close too.
  realtime.signals.on("business-deleted", (businessId) => chat.service.closeBusiness(Number(businessId)));
  const sockets = mountChat({ service: chat.service, agents: chat.agents, repos, now, config });
  const services: Services = {
    config,
    version: VERSION,
    adminToken,
    repos,
    sqlite: database.sqlite,
    files,
    store,
    embedder,
    chatModel: providers.chatModel,
    answerer: providers.answerer,
    ...(providers.bestSentences ? { bestSentences: providers.bestSentences } : {}),
    ingestion,
    webhooks,
    presence,
    hub,
    chat,
    quality,
    sentenceFill,
    turns,
    now,
  };
  const app = await createApp(
    {
      ...services,
      resolveHost,
      publicDir: PUBLIC_DIR,
      onBusinessDeleted: (businessId) => {
        chat.service.closeBusiness(businessId);
        void realtime.signals.send("business-deleted", String(businessId));
      },
      onBusinessChanged: (businessId) => chat.conversations.businessChanged(businessId),
      onAgentDeleted: (businessId, agentId) => chat.conversations.agentDeleted(businessId, agentId),
    },
    sockets.mount,
  );
  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    fetch: app.fetch,
    websocket: sockets.websocket,
    ...nativeServeLimits(),
  });
  const port = server.port ?? config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;

  async function shutDown() {
    await chat.stop();
    server.stop(true);
    await realtime.close();
    stopRetentionSweep();
    await quality.stop();
    await sentenceFill?.stop();
    await ingestion.stop();
    await webhooks.stop();
    await store.close();
    await embedder.close?.();
    await database.close();
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    wsUrl: url.replace("http", "ws"),
    port,
    services,
    stop: () => {
      stopped ??= shutDown();
      return stopped;
    },
  };
}
