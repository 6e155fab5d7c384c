import { AgentServerFrame } from "@supportal/shared";
import { useCallback, useEffect, useReducer, useRef } from "preact/hooks";
import * as z from "zod/mini";
import type { Api } from "../api/client";
import { type InboxState, inboxReducer, initialInbox } from "../inbox-model";

// The server closes a socket silent for 120 s; a ping every 25 s keeps an idle inbox open.
const PING_MS = 25_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
// 4401/4403: the token is wrong, deleted or of another business; retrying cannot help.
const FINAL_CLOSE_CODES = new Set([4401, 4403, 1008]);

export interface InboxActions {
  claim(sessionId: string): void;
  reply(sessionId: string, message: string): void;
  typing(sessionId: string): void;
  handBack(sessionId: string): void;
  close(sessionId: string): void;
  open(sessionId: string | null): void;
  dismissError(): void;
}

/**
 * The live inbox of one business over `/ws/agent/:businessId`: the token goes in the first frame
 * (never in the URL); the socket reconnects with backoff unless the server refused the token.
 * `name` is what an owner answers under (agents have their own).
 */
export function useInbox(api: Api, businessId: number, name: string | undefined): [InboxState, InboxActions] {
  const [state, dispatch] = useReducer(inboxReducer, initialInbox);
  const socketRef = useRef<WebSocket | null>(null);
  const openRef = useRef<string | null>(null);
  const loaders = useRef<(sessionId: string) => Promise<void>>(async () => undefined);

  useEffect(() => {
    let stopped = false;
    let retryMs = RETRY_FIRST_MS;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    const url = new URL(`ws/agent/${businessId}`, api.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";

    const connect = () => {
      dispatch({ type: "connecting" });
      const socket = new WebSocket(url.href);
      socketRef.current = socket;
      socket.onopen = () => {
        socket.send(JSON.stringify({ type: "auth", token: api.token, ...(name ? { name } : {}) }));
        pingTimer = setInterval(() => socket.send(JSON.stringify({ type: "ping" })), PING_MS);
      };
      socket.onmessage = (event) => {
        let value: unknown;
        try {
          value = JSON.parse(String(event.data));
        } catch {
          return;
        }
        const parsed = z.safeParse(AgentServerFrame, value);
        if (!parsed.success) return;
        if (parsed.data.type === "ready") {
          retryMs = RETRY_FIRST_MS;
          // A conversation open before a reconnect is reloaded: messages may have come meanwhile.
          if (openRef.current) void loadTranscript(openRef.current);
        }
        dispatch({ type: "frame", frame: parsed.data, at: Date.now() });
      };
      socket.onclose = (event) => {
        clearInterval(pingTimer);
        if (socketRef.current === socket) socketRef.current = null;
        if (stopped) return;
        if (FINAL_CLOSE_CODES.has(event.code)) {
          dispatch({ type: "closed", error: "The inbox refused this sign-in. Sign in again." });
          return;
        }
        dispatch({ type: "closed" });
        retryTimer = setTimeout(connect, retryMs * (0.5 + Math.random()));
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      };
    };

    const loadTranscript = async (sessionId: string) => {
      try {
        const transcript = await api.getTranscript(businessId, sessionId);
        if (!stopped) dispatch({ type: "transcript", sessionId, messages: transcript.messages });
      } catch {
        // The live frames still arrive; the list shows the conversation without its older messages.
      }
    };
    loaders.current = loadTranscript;

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socketRef.current?.close(1000);
      socketRef.current = null;
    };
  }, [api, businessId, name]);

  const sendFrame = useCallback((frame: object) => {
    const socket = socketRef.current;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }, []);

  const actions: InboxActions = {
    claim: (sessionId) => sendFrame({ type: "claim", sessionId }),
    reply: (sessionId, message) => sendFrame({ type: "reply", sessionId, message }),
    typing: (sessionId) => sendFrame({ type: "typing", sessionId }),
    handBack: (sessionId) => sendFrame({ type: "handback", sessionId }),
    close: (sessionId) => sendFrame({ type: "close", sessionId }),
    open: (sessionId) => {
      openRef.current = sessionId;
      dispatch({ type: "opened", sessionId });
      if (sessionId) void loaders.current(sessionId);
    },
    dismissError: () => dispatch({ type: "dismiss" }),
  };
  return [state, actions];
}
