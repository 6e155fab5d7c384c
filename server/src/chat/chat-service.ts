import type { ClientFrame, ServerFrame } from "@supportal/shared";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { type FeedbackDeps, recordFeedback } from "../feedback/record-feedback";
import type { Conversations } from "../inbox/conversations";
import type { CapReservations } from "../limits/cap-reservations";
import { createDailyCap, type DailyCapConfig } from "../limits/daily-cap";
import type { RateLimiter } from "../limits/rate-limiter";
import type { SocketCaps } from "../limits/socket-caps";
import type { AnswerLocks } from "./answer-lock";
import { answerTurn, type Turn, type TurnDeps } from "./answer-turn";
import { NOTICES } from "./chat-notices";
import { type ChatLanguage, chatLanguageOf, detectLanguage } from "./detect-language";
import { readClientFrame } from "./read-client-frame";
import { type HubSocket, sessionKey } from "./session-hub";
import { turnErrorFrame } from "./turn-error";
import type { TurnsInFlight } from "./turns-in-flight";

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
  deps: TurnDeps &
    FeedbackDeps & {
      config: ChatLimitsConfig;
      conversations: Conversations;
      /** Messages per minute per session and per client address. */
      rateLimiter: RateLimiter;
      /** Open sockets per client address. */
      socketCaps: SocketCaps;
      answerLocks: AnswerLocks;
      /** Places in the daily caps held by queued messages. */
      reservations: CapReservations;
      /** Where a session's answering is marked, from its first queued question to its last answer. */
      turns: Pick<TurnsInFlight, "begin">;
      repos: Pick<Repositories, "businesses" | "capHits" | "usage">;
    },
) {
  const { conversations, rateLimiter, socketCaps } = deps;
  const states = new Map<string, SessionState>();
  // Turns still running, so shutdown can wait for them before the database closes.
  const running = new Set<Promise<void>>();
  // Each socket's frames are handled one after another, in the order they came, though the shared
  // limits make handling one wait (for Redis).
  const handling = new WeakMap<Connection, Promise<void>>();
  let stopping = false;

  const dailyCap = createDailyCap(deps);
  // A request for a person is answered by the assistant, with the handoff's notice as its answer.
  const turnDeps: TurnDeps = { ...deps, handoff: conversations.handoffByAssistant };

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
    const ended = deps.turns.begin();
    try {
      while (state.waiting.length > 0 && !state.controller.signal.aborted) {
        // Another instance may be answering this session (a second tab there): one answer at a time.
        const unlock = await deps.answerLocks.acquire(key, state.controller.signal);
        if (!unlock) return;
        try {
          const { question, lang, ip, clientId, release } = state.waiting.shift()!;
          try {
            // A question typed ahead of a request for a person goes to the person, like any after it.
            const mode = await conversations.modeOf(connection.businessId, connection.sessionId);
            if (mode === "waiting" || mode === "human") {
              await conversations.visitorMessage(connection.businessId, connection.sessionId, question);
              continue;
            }
            const business = await deps.repos.businesses.findBusinessRow(connection.businessId);
            if (!business) return;
            const turn: Turn = {
              businessId: business.id,
              business: {
                name: business.name,
                systemPrompt: business.systemPrompt,
                handoffEnabled: business.handoffEnabled,
                offerPersonAfter: business.handoffEnabled ? business.handoffAfterNotFound : null,
              },
              sessionId: connection.sessionId,
              key,
              question,
              ip,
              clientId,
              lang,
              signal: state.controller.signal,
              // Its stored counters take over from the place it held in the daily cap.
              onStored: release,
            };
            await answerTurn(turnDeps, turn);
          } finally {
            release();
          }
        } finally {
          unlock();
        }
      }
    } finally {
      state.running = false;
      ended();
    }
  }

  function abandon(key: string) {
    // Nobody is listening any more: stop paying for an answer no one will read.
    const state = states.get(key);
    state?.controller.abort();
    for (const dropped of state?.waiting ?? []) dropped.release();
    states.delete(key);
  }

  /** One frame of a visitor's, after the ones before it on the same socket. */
  async function handle(connection: Connection, raw: string | ArrayBuffer | Uint8Array) {
    const frame = readClientFrame(raw);
    if (frame.type === "error") return send(connection.socket, frame);
    if (frame.type === "ping") return send(connection.socket, { type: "pong" });
    const { businessId, sessionId } = connection;
    // Keystrokes are not messages: no rate limit, and agents see them only while people answer.
    if (frame.type === "typing") {
      if ((await conversations.modeOf(businessId, sessionId)) === "human")
        conversations.visitorTyping(businessId, sessionId);
      return;
    }
    if (frame.type === "feedback") {
      const refusal = await recordFeedback(deps, { businessId, sessionId, frame });
      if (refusal) send(connection.socket, { type: "error", ...refusal });
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
    const business = await deps.repos.businesses.findBusinessRow(businessId);
    if (!business) return refuse(connection.socket, "not_found", notices.businessGone, clientId);
    const sessionRate = business.sessionRatePerMinute ?? deps.config.sessionRatePerMinute;
    const allowed =
      (await rateLimiter.take(`ip:${connection.ip}`, deps.config.ipRatePerMinute)) &&
      (await rateLimiter.take(`session:${key}`, sessionRate));
    if (!allowed) {
      return refuse(connection.socket, "rate_limited", notices.rateLimited, clientId);
    }
    const visitor = {
      businessId: business.id,
      dailyMessageLimit: business.dailyMessageLimit,
      sessionId: connection.sessionId,
      ip: connection.ip,
    };
    // A place in the daily cap is held from the check on, so that a burst cannot pass the cap
    // while its first messages are still on their way to being stored.
    const admitted = frame.type === "contact" ? { release: () => undefined } : await dailyCap.admit(visitor);
    if ("refused" in admitted) {
      await dailyCap.refused(visitor, admitted.refused);
      const notice = admitted.refused === "business" ? notices.dailyLimit : notices.visitorDailyLimit;
      return refuse(connection.socket, "daily_limit_reached", notice, clientId);
    }
    const { release } = admitted;
    try {
      await accept(connection, frame, { business, key, text, lang, clientId, notices, release });
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A message the limits let through: to the people, or queued for the assistant's answer. */
  async function accept(
    connection: Connection,
    frame: Exclude<ClientFrame, { type: "ping" | "typing" | "feedback" }>,
    input: {
      business: { handoffEnabled: boolean };
      key: string;
      text: string;
      lang: ChatLanguage | null;
      clientId: string | undefined;
      notices: (typeof NOTICES)[ChatLanguage];
      release: () => void;
    },
  ) {
    const { businessId, sessionId } = connection;
    const { business, key, text, lang, clientId, notices, release } = input;
    const shown = detectLanguage(text) ?? lang;
    if (shown) conversations.rememberLanguage(businessId, sessionId, shown);
    if (frame.type === "handoff" || frame.type === "contact") {
      const refusal =
        frame.type === "contact"
          ? await conversations.leaveContact(businessId, sessionId, frame)
          : business.handoffEnabled
            ? await conversations.requestHandoff(businessId, sessionId)
            : { code: "forbidden" as const, message: "This business does not hand chats to people." };
      if (refusal) send(connection.socket, { type: "error", ...refusal });
      release();
      return;
    }
    const mode = await conversations.modeOf(businessId, sessionId);
    if (mode === "waiting" || mode === "human") {
      await conversations.visitorMessage(businessId, sessionId, frame.message);
      release();
      return;
    }
    if (mode === "closed") await conversations.reopen(businessId, sessionId);
    const state = states.get(key) ?? { waiting: [], running: false, controller: new AbortController() };
    states.set(key, state);
    if (state.waiting.length >= MAX_WAITING) {
      release();
      return refuse(connection.socket, "busy", notices.waitForAnswers, clientId);
    }
    state.waiting.push({ question: frame.message, lang, ip: connection.ip, clientId, release });
    if (!state.running) {
      const turn = drain(key, connection, state).catch((error) => {
        // A turn fails inside answerTurn with an error frame; this is only what escapes it
        // (e.g. the business deleted mid-turn), which must not become an unhandled rejection.
        console.error("[supportal] chat turn failed", error);
      });
      running.add(turn);
      void turn.finally(() => running.delete(turn));
    }
  }

  return {
    /**
     * Takes one of the IP's socket places before the upgrade, so a burst of handshakes cannot pass
     * the cap; `close` (or `release`, when the upgrade fails) gives it back.
     */
    admit: (ip: string): Promise<boolean> => socketCaps.admit(ip, deps.config.maxSocketsPerIp),

    release: (ip: string) => void socketCaps.release(ip),

    /** Joins the session and sends its history and status; the socket's frames wait for this. */
    open(connection: Connection): Promise<void> {
      const opened = (async () => {
        const key = sessionKey(connection.businessId, connection.sessionId);
        deps.hub.join(key, connection.socket);
        const { businessId, sessionId } = connection;
        send(connection.socket, {
          type: "history",
          messages: await deps.repos.sessions.listSessionMessages(businessId, sessionId),
        });
        send(connection.socket, await conversations.status(businessId, sessionId));
      })();
      handling.set(
        connection,
        opened.catch(() => undefined),
      );
      return opened;
    },

    close(connection: Connection) {
      const key = sessionKey(connection.businessId, connection.sessionId);
      void socketCaps.release(connection.ip);
      if (deps.hub.leave(key, connection.socket) > 0) return;
      if (stopping) return abandon(key);
      // A socket of the session on another instance still reads the answer.
      void deps.hub.heardElsewhere(key).then(
        (elsewhere) => elsewhere || deps.hub.socketCount(key) > 0 || abandon(key),
        (error: unknown) => {
          console.error("[supportal] could not ask who else listens", error);
          abandon(key);
        },
      );
    },

    receive(connection: Connection, raw: string | ArrayBuffer | Uint8Array) {
      // Keep-alive pings are most of an idle chat's traffic: answered without parsing or allocating.
      if (raw === PING) return connection.socket.send(PONG);
      const previous = handling.get(connection) ?? Promise.resolve();
      const next = previous
        .then(() => handle(connection, raw))
        // What escapes a frame's handling (the shared limits' Redis unreachable, say) is an error
        // frame by the same mapping as a failed turn, never an unhandled rejection.
        .catch((error: unknown) => send(connection.socket, turnErrorFrame(error, "frame")));
      handling.set(connection, next);
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
