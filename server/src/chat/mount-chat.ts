import type { Hono } from "hono";
import { getConnInfo, upgradeWebSocket } from "hono/bun";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type Connection, createChatService } from "./chat-service";
import { createExtractiveAnswerer } from "./extractive-answerer";
import { checkHandshake } from "./handshake";
import { createModelAnswerer } from "./model-answerer";
import { thresholdsFor } from "./relevance";
import { createMemoryHub } from "./session-hub";

// Frames over 16 KiB get an error frame; far bigger ones are cut off by Bun itself.
const MAX_SOCKET_PAYLOAD = 1024 * 1024;

/** Wires the chat: the socket route, the session REST routes, and the service behind them. */
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

  return {
    service,
    maxPayloadLength: MAX_SOCKET_PAYLOAD,
    mount(app: Hono) {
      app.get(
        "/ws/chat/:businessId/:sessionId",
        async (c, next) => {
          const { businessId, sessionId } = checkHandshake(c, deps.db);
          const ip = getConnInfo(c).remote.address ?? "unknown";
          if (!service.canConnect(ip)) {
            throw new AppError("too_many_connections", "Too many open chats from this address.");
          }
          c.set("connection" as never, { businessId, sessionId, ip } as never);
          await next();
        },
        upgradeWebSocket((c) => {
          const base = c.get("connection" as never) as Omit<Connection, "socket">;
          let connection: Connection | null = null;
          return {
            onOpen(_event, ws) {
              connection = { ...base, socket: ws };
              service.open(connection);
            },
            onMessage(event, ws) {
              if (!connection) connection = { ...base, socket: ws };
              service.receive(connection, event.data as string | ArrayBuffer);
            },
            onClose() {
              if (connection) service.close(connection);
            },
          };
        }),
      );
    },
    close: () => service.stop(),
  };
}
