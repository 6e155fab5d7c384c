import type { Server, WebSocketHandler } from "bun";
import type { Hono } from "hono";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { createClientAddress } from "../http/client-address";
import { ownOrigins } from "../http/own-origins";
import { type Connection, createChatService } from "./chat-service";
import { createExtractiveAnswerer } from "./extractive-answerer";
import { checkHandshake } from "./handshake";
import { createModelAnswerer } from "./model-answerer";
import { thresholdsFor } from "./relevance";
import { createMemoryHub } from "./session-hub";

// Frames over 16 KiB get an error frame; far bigger ones are cut off by Bun itself.
const MAX_SOCKET_PAYLOAD = 1024 * 1024;
// The widget pings every 25 s; a socket silent for this long is gone.
const IDLE_TIMEOUT_SECONDS = 120;

/** What each socket carries: its connection, whose `socket` is set once it opens. */
type ChatSocketData = Omit<Connection, "socket"> & { socket: Connection["socket"] | null };

/** Wires the chat: the socket route, Bun's socket handlers and the service behind them. */
export function mountChat(deps: Deps) {
  const hub = createMemoryHub();
  const service = createChatService({
    ...deps,
    hub,
    answerer: deps.chatModel
      ? createModelAnswerer({ chatModel: deps.chatModel })
      : createExtractiveAnswerer({ embedder: deps.embedder }),
    thresholds: thresholdsFor(deps.embedder.id),
    topK: deps.config.topK,
  });
  deps.onBusinessDeleted = (businessId) => service.closeBusiness(businessId);
  const clientAddress = createClientAddress(deps.config.trustedProxies);

  // Bun's own socket handlers, not Hono's wrapper, which builds a context and an event per message.
  const websocket: WebSocketHandler<ChatSocketData> = {
    maxPayloadLength: MAX_SOCKET_PAYLOAD,
    idleTimeout: IDLE_TIMEOUT_SECONDS,
    open(ws) {
      ws.data.socket = ws;
      service.open(ws.data as Connection);
    },
    message(ws, raw) {
      service.receive(ws.data as Connection, raw);
    },
    close(ws) {
      if (ws.data.socket) service.close(ws.data as Connection);
    },
  };

  return {
    service,
    websocket,
    mount(app: Hono) {
      app.get("/ws/chat/:businessId/:sessionId", (c) => {
        const server = c.env as Server<ChatSocketData> | undefined;
        if (!server?.upgrade) throw new Error("the chat needs Bun.serve's server as the fetch env");
        const { businessId, sessionId, lang } = checkHandshake(
          c,
          deps.db,
          ownOrigins(deps.config, server.port ?? deps.config.port),
        );
        const ip = clientAddress(server.requestIP(c.req.raw)?.address ?? "unknown", c.req.raw.headers);
        if (!service.admit(ip)) {
          throw new AppError("too_many_connections", "Too many open chats from this address.");
        }
        const data: ChatSocketData = { businessId, sessionId, ip, lang, socket: null };
        if (!server.upgrade(c.req.raw, { data })) {
          service.release(ip);
          throw new AppError("bad_request", "This endpoint speaks WebSocket only.");
        }
        return new Response(null);
      });
    },
    close: () => service.stop(),
  };
}
