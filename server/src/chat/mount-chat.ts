import type { Server, WebSocketHandler } from "bun";
import type { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { AppError } from "../errors";
import { createClientAddress } from "../http/client-address";
import { ownOrigins } from "../http/own-origins";
import { parseId } from "../http/read-json";
import type { AgentSocketData, AgentSockets, AgentWebSocket } from "../inbox/agent-socket";
import type { ChatService, Connection } from "./chat-service";
import { checkHandshake } from "./handshake";

// Frames over 16 KiB get an error frame; far bigger ones are cut off by Bun itself.
const MAX_SOCKET_PAYLOAD = 1024 * 1024;
// The widget pings every 25 s; a socket silent for this long is gone.
const IDLE_TIMEOUT_SECONDS = 120;

/** What each socket carries: its connection, whose `socket` is set once it opens. */
type ChatSocketData = Omit<Connection, "socket"> & { kind: "chat"; socket: Connection["socket"] | null };
type SocketData = ChatSocketData | AgentSocketData;

/** What the socket routes use: the services behind them and the handshake's checks. */
export interface ChatSocketDeps {
  service: ChatService;
  agents: AgentSockets;
  repos: Pick<Repositories, "businesses" | "refusedOrigins">;
  now: () => Date;
  config: Pick<Config, "port" | "host" | "publicOrigin" | "trustedProxies">;
}

/** The chat's and the inbox's socket routes, and Bun's socket handlers for both. */
export function mountChat(deps: ChatSocketDeps) {
  const { service, agents } = deps;
  const clientAddress = createClientAddress(deps.config.trustedProxies);

  // Bun's own socket handlers, not Hono's wrapper, which builds a context and an event per message.
  // One handler for both kinds of socket (Bun.serve takes one): the data says which.
  const websocket: WebSocketHandler<SocketData> = {
    maxPayloadLength: MAX_SOCKET_PAYLOAD,
    idleTimeout: IDLE_TIMEOUT_SECONDS,
    open(ws) {
      if (ws.data.kind === "agent") return agents.open(ws as unknown as AgentWebSocket);
      ws.data.socket = ws;
      service.open(ws.data as Connection).catch((error: unknown) => {
        // The history could not be read (a broken database): the visitor's widget reconnects.
        console.error("[supportal] a chat socket could not open", error);
        ws.close(1011, "unavailable");
      });
    },
    message(ws, raw) {
      if (ws.data.kind === "agent") return agents.receive(ws as unknown as AgentWebSocket, raw);
      service.receive(ws.data as Connection, raw);
    },
    close(ws) {
      if (ws.data.kind === "agent") return agents.close(ws as unknown as AgentWebSocket);
      if (ws.data.socket) service.close(ws.data as Connection);
    },
  };

  return {
    websocket,
    mount(app: Hono) {
      app.get("/ws/chat/:businessId/:sessionId", async (c) => {
        const server = c.env as Server<SocketData> | undefined;
        if (!server?.upgrade) throw new Error("the chat needs Bun.serve's server as the fetch env");
        const { businessId, sessionId, lang } = await checkHandshake(
          c,
          deps.repos,
          ownOrigins(deps.config, server.port ?? deps.config.port),
          deps.now,
        );
        const ip = clientAddress(server.requestIP(c.req.raw)?.address ?? "unknown", c.req.raw.headers);
        if (!(await service.admit(ip))) {
          throw new AppError("too_many_connections", "Too many open chats from this address.");
        }
        const data: ChatSocketData = { kind: "chat", businessId, sessionId, ip, lang, socket: null };
        if (!server.upgrade(c.req.raw, { data })) {
          service.release(ip);
          throw new AppError("bad_request", "This endpoint speaks WebSocket only.");
        }
        return new Response(null);
      });
      // The token comes in the first frame, never in the URL (URLs end up in logs and histories).
      app.get("/ws/agent/:businessId", async (c) => {
        const businessId = parseId(c.req.param("businessId"), "business");
        const server = c.env as Server<SocketData> | undefined;
        if (!server?.upgrade) throw new Error("the inbox needs Bun.serve's server as the fetch env");
        // As the chat's handshake: no inbox (nor presence) for a business that does not exist.
        if (!(await deps.repos.businesses.findBusinessRow(businessId))) {
          throw new AppError("not_found", `No business with id ${businessId}.`);
        }
        const data: AgentSocketData = { kind: "agent", businessId, member: null, authTimer: null };
        if (!server.upgrade(c.req.raw, { data })) {
          throw new AppError("bad_request", "This endpoint speaks WebSocket only.");
        }
        return new Response(null);
      });
    },
  };
}
