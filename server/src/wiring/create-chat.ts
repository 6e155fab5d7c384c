import { type ChatLimitsConfig, createChatService } from "../chat/chat-service";
import type { TurnsInFlight } from "../chat/turns-in-flight";
import type { CuratedMatcher } from "../curated/curated-matcher";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { createAgentSockets } from "../inbox/agent-socket";
import { createConversations } from "../inbox/conversations";
import type { VectorStore } from "../rag/vector-store";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import type { Providers } from "./pick-providers";
import type { Realtime } from "./pick-realtime";

/** The live side: conversations (modes, inbox, handoff), agent sockets and the visitors' chat service. */
export async function createChat(
  config: ChatLimitsConfig & Pick<Config, "agentIdleMs" | "topK">,
  deps: Providers &
    Omit<Realtime, "close"> & {
      repos: Repositories;
      store: VectorStore;
      webhooks: WebhookDispatcher;
      adminToken: string;
      now: () => Date;
      /** The owner's curated answers, tried before retrieval. */
      curated: CuratedMatcher;
      turns: TurnsInFlight;
    },
) {
  const { repos, hub, now } = deps;
  const conversations = createConversations({
    repos,
    hub,
    now,
    presence: deps.presence,
    webhooks: deps.webhooks,
    agentIdleMs: config.agentIdleMs,
  });
  const agents = createAgentSockets({ repos, adminToken: deps.adminToken, conversations });
  const service = createChatService({
    repos,
    hub,
    now,
    config,
    conversations,
    store: deps.store,
    embedder: deps.embedder,
    chatModel: deps.chatModel,
    answerer: deps.answerer,
    thresholds: deps.thresholds,
    topK: config.topK,
    ...(deps.bestSentences ? { bestSentences: deps.bestSentences } : {}),
    curated: deps.curated,
    webhooks: deps.webhooks,
    onMessage: conversations.messageStored,
    rateLimiter: deps.rateLimiter,
    socketCaps: deps.socketCaps,
    answerLocks: deps.answerLocks,
    reservations: deps.capReservations,
    turns: deps.turns,
  });
  await conversations.start();
  return {
    conversations,
    agents,
    service,
    async stop() {
      conversations.stop();
      await service.stop();
    },
  };
}

export type Chat = Awaited<ReturnType<typeof createChat>>;
