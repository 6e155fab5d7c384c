import type { AgentServerFrame, Message, SessionSummary } from "@supportal/shared";

type OnlineAgent = Extract<AgentServerFrame, { type: "presence" }>["online"][number];

/** The live inbox as the agent socket tells it: every conversation, who is online, what is unread. */
export interface InboxState {
  connection: "connecting" | "ready" | "closed";
  me: OnlineAgent | null;
  sessions: SessionSummary[];
  online: OnlineAgent[];
  /** Messages of the conversations opened (from the transcript, then live). */
  messages: Record<string, Message[]>;
  /** Customer messages that arrived while the conversation was not open. */
  unread: Record<string, number>;
  /** When the visitor last typed, per conversation (ms since epoch). */
  typingAt: Record<string, number>;
  open: string | null;
  error: string | null;
}

export type InboxEvent =
  | { type: "frame"; frame: AgentServerFrame; at: number }
  | { type: "connecting" }
  | { type: "closed"; error?: string }
  | { type: "opened"; sessionId: string | null }
  | { type: "transcript"; sessionId: string; messages: Message[] }
  | { type: "dismiss" };

export const initialInbox: InboxState = {
  connection: "connecting",
  me: null,
  sessions: [],
  online: [],
  messages: {},
  unread: {},
  typingAt: {},
  open: null,
  error: null,
};

/** Messages in time order, each once (a live frame may also be in a transcript loaded after it). */
function merge(known: Message[], more: Message[]): Message[] {
  const byId = new Map(known.map((message) => [message.id, message]));
  for (const message of more) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

function upsert(sessions: SessionSummary[], session: SessionSummary): SessionSummary[] {
  const rest = sessions.filter((s) => s.id !== session.id);
  return [session, ...rest];
}

export function inboxReducer(state: InboxState, event: InboxEvent): InboxState {
  switch (event.type) {
    case "connecting":
      return { ...state, connection: "connecting" };
    case "closed":
      return { ...state, connection: "closed", error: event.error ?? state.error };
    case "dismiss":
      return { ...state, error: null };
    case "opened": {
      if (!event.sessionId) return { ...state, open: null };
      const { [event.sessionId]: _read, ...unread } = state.unread;
      return { ...state, open: event.sessionId, unread };
    }
    case "transcript":
      return {
        ...state,
        messages: {
          ...state.messages,
          [event.sessionId]: merge(event.messages, state.messages[event.sessionId] ?? []),
        },
      };
    case "frame":
      return onFrame(state, event.frame, event.at);
  }
}

function onFrame(state: InboxState, frame: AgentServerFrame, at: number): InboxState {
  switch (frame.type) {
    case "ready":
      return {
        ...state,
        connection: "ready",
        me: frame.agent,
        sessions: frame.sessions,
        online: frame.online,
        error: null,
      };
    case "session":
      return { ...state, sessions: upsert(state.sessions, frame.session) };
    case "presence":
      return { ...state, online: frame.online };
    case "typing":
      return frame.sender === "user"
        ? { ...state, typingAt: { ...state.typingAt, [frame.sessionId]: at } }
        : state;
    case "message": {
      const { sessionId, message } = frame;
      const counted = message.sender === "user" && state.open !== sessionId;
      const { [sessionId]: _typing, ...typingAt } = state.typingAt;
      return {
        ...state,
        messages: state.messages[sessionId]
          ? { ...state.messages, [sessionId]: merge(state.messages[sessionId]!, [message]) }
          : state.messages,
        unread: counted ? { ...state.unread, [sessionId]: (state.unread[sessionId] ?? 0) + 1 } : state.unread,
        typingAt: message.sender === "user" ? typingAt : state.typingAt,
      };
    }
    case "error":
      return { ...state, error: frame.message };
    case "pong":
      return state;
  }
}

export const FILTERS = ["all", "waiting", "human", "mine", "unanswered", "contact"] as const;
export type InboxFilter = (typeof FILTERS)[number];

export function matches(session: SessionSummary, filter: InboxFilter, me: string | null): boolean {
  switch (filter) {
    case "all":
      return true;
    case "waiting":
      return session.mode === "waiting";
    case "human":
      return session.mode === "human";
    case "mine":
      return session.mode === "human" && session.agentName === me;
    case "unanswered":
      return session.unanswered === true;
    case "contact":
      return session.contact !== undefined;
  }
}

// Waiting conversations first (someone is waiting for a person), then the latest activity.
const rank = (session: SessionSummary) => (session.mode === "waiting" ? 0 : session.mode === "human" ? 1 : 2);

export function sortedSessions(sessions: SessionSummary[]): SessionSummary[] {
  return [...sessions].sort(
    (a, b) =>
      rank(a) - rank(b) || (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt),
  );
}
