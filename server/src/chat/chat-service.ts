import type { ServerFrame } from "@supportal/shared";
import { findBusinessRow } from "../businesses/business-repo";
import type { Config } from "../env";
import type { Conversations } from "../inbox/conversations";
import { createDailyCap, type DailyCapConfig } from "../limits/daily-cap";
import { answerTurn, type Turn, type TurnDeps } from "./answer-turn";
import { NOTICES } from "./chat-notices";
import { type ChatLanguage, chatLanguageOf, detectLanguage } from "./detect-language";
import { isHandoffRequest } from "./handoff-request";
import { readClientFrame } from "./read-client-frame";
import { type HubSocket, sessionKey } from "./session-hub";
import { listSessionMessages } from "./session-repo";
import { createTokenBuckets } from "./token-bucket";

export interface Connection {
  businessId: number;
  sessionId: string;
  ip: string;
  /** The widget's language from the handshake (`?lang=`), if the chat speaks it. */
  lang: ChatLanguage | null;
  socket: HubSocket & { close(code?: number, reason?: string): void };
}

interface Waiting {
  question: string;
  lang: ChatLanguage | null;
  ip: string;
  clientId?: string;
  /** Gives back the question's place in the daily cap once it is stored (or dropped). */
  release: () => void;
}

interface SessionState {
  waiting: Waiting[];
  running: boolean;
  controller: AbortController;
}

// A customer who types ahead gets their questions answered in order, up to this many.
const MAX_WAITING = 3;

const PING = JSON.stringify({ type: "ping" });
const PONG = JSON.stringify({ type: "pong" } satisfies ServerFrame);

const send = (socket: HubSocket, frame: ServerFrame) => socket.send(JSON.stringify(frame));

/** The limits the chat enforces per session, per client address and per day. */
export type ChatLimitsConfig = Pick<Config, "sessionRatePerMinute" | "ipRatePerMinute" | "maxSocketsPerIp"> &
  DailyCapConfig;

/** Sessions over sockets: history on connect, limits, one answer at a time, cancellation on leave. */
export function createChatService(
  deps: TurnDeps & { config: ChatLimitsConfig; conversations: Conversations },
) {
  const { conversations } = deps;
  const states = new Map<string, SessionState>();
  // Turns still running, so shutdown can wait for them before the database closes.
  const running = new Set<Promise<void>>();
  let stopping = false;
  const socketsPerIp = new Map<string, number>();
  const clock = () => deps.now().getTime();
  const sessionBuckets = createTokenBuckets({ perMinute: deps.config.sessionRatePerMinute, now: clock });
  const ipBuckets = createTokenBuckets({ perMinute: deps.config.ipRatePerMinute, now: clock });

  const dailyCap = createDailyCap(deps);

  function refuse(
    socket: HubSocket,
    code: "rate_limited" | "daily_limit_reached" | "busy" | "not_found",
    message: string,
    clientId?: string,
  ) {
    send(socket, { type: "error", code, message, ...(clientId ? { clientId } : {}) });
  }

  async function drain(key: string, connection: Connection, state: SessionState) {
    state.running = true;
    try {
      while (state.waiting.length > 0 && !state.controller.signal.aborted) {
        const { question, lang, ip, clientId, release } = state.waiting.shift()!;
        // answerTurn stores the question before its first await, so its counters take over at once.
        release();
        const business = findBusinessRow(deps.db, connection.businessId);
        if (!business) return;
        const turn: Turn = {
          businessId: business.id,
          business: { name: business.name, systemPrompt: business.systemPrompt },
          sessionId: connection.sessionId,
          key,
          question,
          ip,
          clientId,
          lang,
          signal: state.controller.signal,
        };
        await answerTurn(deps, turn);
      }
    } finally {
      state.running = false;
    }
  }

  function release(ip: string) {
    const left = (socketsPerIp.get(ip) ?? 1) - 1;
    if (left > 0) socketsPerIp.set(ip, left);
    else socketsPerIp.delete(ip);
  }

  return {
    /**
     * Takes one of the IP's socket places before the upgrade, so a burst of handshakes cannot pass
     * the cap; `close` (or `release`, when the upgrade fails) gives it back.
     */
    admit(ip: string): boolean {
      const open = socketsPerIp.get(ip) ?? 0;
      if (open >= deps.config.maxSocketsPerIp) return false;
      socketsPerIp.set(ip, open + 1);
      return true;
    },

    release,

    open(connection: Connection) {
      const key = sessionKey(connection.businessId, connection.sessionId);
      deps.hub.join(key, connection.socket);
      send(connection.socket, {
        type: "history",
        messages: listSessionMessages(deps.db, connection.businessId, connection.sessionId),
      });
      send(connection.socket, conversations.status(connection.businessId, connection.sessionId));
    },

    close(connection: Connection) {
      const key = sessionKey(connection.businessId, connection.sessionId);
      release(connection.ip);
      if (deps.hub.leave(key, connection.socket) > 0) return;
      // Nobody is listening any more: stop paying for an answer no one will read.
      const state = states.get(key);
      state?.controller.abort();
      for (const dropped of state?.waiting ?? []) dropped.release();
      states.delete(key);
    },

    receive(connection: Connection, raw: string | ArrayBuffer | Uint8Array) {
      // Keep-alive pings are most of an idle chat's traffic: answered without parsing or allocating.
      if (raw === PING) return connection.socket.send(PONG);
      const frame = readClientFrame(raw);
      if (frame.type === "error") return send(connection.socket, frame);
      if (frame.type === "ping") return send(connection.socket, { type: "pong" });
      const { businessId, sessionId } = connection;
      // Keystrokes are not messages: no rate limit, and agents see them only while people answer.
      if (frame.type === "typing") {
        if (conversations.modeOf(businessId, sessionId) === "human")
          conversations.visitorTyping(businessId, sessionId);
        return;
      }
      const text =
        frame.type === "contact" ? (frame.message ?? "") : frame.type === "handoff" ? "" : frame.message;
      const lang = chatLanguageOf(frame.type === "contact" ? undefined : frame.lang) ?? connection.lang;
      const language = detectLanguage(text) ?? lang ?? "en";
      const notices = NOTICES[language];
      // The widget's id for a customer message: any refusal of it names it.
      const clientId = "clientId" in frame ? frame.clientId : undefined;
      if (stopping) return refuse(connection.socket, "busy", notices.restarting, clientId);
      const key = sessionKey(businessId, sessionId);
      const business = findBusinessRow(deps.db, businessId);
      if (!business) return refuse(connection.socket, "not_found", notices.businessGone, clientId);
      const sessionRate = business.sessionRatePerMinute ?? undefined;
      if (!ipBuckets.take(connection.ip) || !sessionBuckets.take(key, sessionRate)) {
        return refuse(connection.socket, "rate_limited", notices.rateLimited, clientId);
      }
      const visitor = {
        businessId: business.id,
        dailyMessageLimit: business.dailyMessageLimit,
        sessionId: connection.sessionId,
        ip: connection.ip,
      };
      const capped = frame.type === "contact" ? null : dailyCap.check(visitor);
      if (capped) {
        dailyCap.refused(visitor, capped);
        const notice = capped === "business" ? notices.dailyLimit : notices.visitorDailyLimit;
        return refuse(connection.socket, "daily_limit_reached", notice, clientId);
      }
      const shown = detectLanguage(text) ?? lang;
      if (shown) conversations.rememberLanguage(businessId, sessionId, shown);
      if (frame.type === "handoff" || frame.type === "contact") {
        const refusal =
          frame.type === "contact"
            ? conversations.leaveContact(businessId, sessionId, frame)
            : business.handoffEnabled
              ? conversations.requestHandoff(businessId, sessionId, "button")
              : { code: "forbidden" as const, message: "This business does not hand chats to people." };
        if (refusal) send(connection.socket, { type: "error", ...refusal });
        return;
      }
      const mode = conversations.modeOf(businessId, sessionId);
      if (mode === "waiting" || mode === "human") {
        conversations.visitorMessage(businessId, sessionId, frame.message);
        return;
      }
      if (business.handoffEnabled && isHandoffRequest(frame.message)) {
        // Asked in words: stored as the customer wrote it, and never answered from the documents.
        conversations.visitorMessage(businessId, sessionId, frame.message);
        conversations.requestHandoff(businessId, sessionId, "message");
        return;
      }
      if (mode === "closed") conversations.reopen(businessId, sessionId);
      const state = states.get(key) ?? { waiting: [], running: false, controller: new AbortController() };
      states.set(key, state);
      if (state.waiting.length >= MAX_WAITING) {
        return refuse(connection.socket, "busy", notices.waitForAnswers, clientId);
      }
      state.waiting.push({
        question: frame.message,
        lang,
        ip: connection.ip,
        clientId,
        release: dailyCap.reserve(visitor),
      });
      if (!state.running) {
        const turn = drain(key, connection, state).catch((error) => {
          // A turn fails inside answerTurn with an error frame; this is only what escapes it
          // (e.g. the business deleted mid-turn), which must not become an unhandled rejection.
          console.error("[supportal] chat turn failed", error);
        });
        running.add(turn);
        void turn.finally(() => running.delete(turn));
      }
    },

    /** Closes every socket of a deleted business. */
    closeBusiness(businessId: number) {
      for (const socket of deps.hub.socketsWithPrefix(`${businessId}/`)) {
        (socket as Connection["socket"]).close(1008, "business deleted");
      }
      conversations.closeBusiness(businessId);
    },

    /** Stops every answer and resolves once none is still writing. */
    async stop() {
      stopping = true;
      for (const state of states.values()) state.controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
