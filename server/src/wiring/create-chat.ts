import type { Presence } from "../agents/presence";
import { type ChatLimitsConfig, createChatService } from "../chat/chat-service";
import type { SessionHub } from "../chat/session-hub";
import type { Db } from "../db/client";
import type { Config } from "../env";
import { createAgentSockets } from "../inbox/agent-socket";
import { createConversations } from "../inbox/conversations";
import type { VectorStore } from "../rag/vector-store";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import type { Providers } from "./pick-providers";

/** The live side: conversations (modes, inbox, handoff), agent sockets and the visitors' chat service. */
export function createChat(
  config: ChatLimitsConfig & Pick<Config, "agentIdleMs" | "topK">,
  deps: Providers & {
    db: Db;
    store: VectorStore;
    hub: SessionHub;
    presence: Presence;
    webhooks: WebhookDispatcher;
    adminToken: string;
    now: () => Date;
  },
) {
  const { db, hub, now } = deps;
  const conversations = createConversations({
    db,
    hub,
    now,
    presence: deps.presence,
    webhooks: deps.webhooks,
    agentIdleMs: config.agentIdleMs,
  });
  const agents = createAgentSockets({ db, adminToken: deps.adminToken, conversations });
  const service = createChatService({
    db,
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
    onMessage: conversations.messageStored,
  });
  conversations.start();
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

export type Chat = ReturnType<typeof createChat>;
