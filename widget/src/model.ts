import type { ConversationMode, Message, Rating } from "@supportal/shared";
import type { Frame } from "./frames";

/**
 * idle: nothing opened yet; connecting: first attempt; online: the server's `history` arrived;
 * offline: the socket dropped or never came up, and the transport is retrying; unavailable: the
 * server refuses this site or knows no such business, so nothing is retried.
 */
export type Connection = "idle" | "connecting" | "online" | "offline" | "unavailable";

/** A message as shown: the server's, or an assistant answer still streaming in. */
export type ChatMessage = Message & { streaming?: boolean };

/** A message the visitor typed that the server has not echoed back yet. */
export interface Pending {
  id: number;
  text: string;
  state: "queued" | "sent" | "failed";
  /** Sent with the message; the server's echo and any error about it carry it back. */
  clientId: string;
}

export interface ChatState {
  open: boolean;
  messages: ChatMessage[];
  pending: Pending[];
  typing: boolean;
  unread: number;
  connection: Connection;
  /** Who answers: the assistant, nobody yet, a person, or no one (closed). */
  mode: ConversationMode;
  /** The person answering while `human`. */
  agentName?: string;
  /** Whether a person could come if asked; false: the widget offers to leave an address. */
  agentsAvailable: boolean;
  /** The business lets visitors ask for a person. */
  handoff?: boolean;
  /** The visitor left an address in this conversation. */
  contactLeft?: boolean;
  /** The code of the last error frame, until the visitor sends again. */
  error?: string;
  /** The visitor's rating of each answer they rated ("sent": 👎 with its comment sent). */
  rated?: Record<string, Rated>;
  nextId: number;
}

export type Rated = Rating | "sent";

export type Action =
  | { type: "frame"; frame: Frame }
  | { type: "open" }
  | { type: "close" }
  | { type: "send"; text: string; clientId?: string }
  | { type: "sent"; id: number }
  | { type: "retry"; id: number }
  | { type: "connection"; connection: Connection }
  | { type: "reset" }
  | { type: "contactLeft" }
  | { type: "rated"; id: string; rating: Rated };

export const initialState: ChatState = {
  open: false,
  messages: [],
  pending: [],
  typing: false,
  unread: 0,
  connection: "idle",
  mode: "ai",
  agentsAvailable: false,
  nextId: 1,
};

export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case "frame":
      return applyFrame(state, action.frame);
    case "open":
      return { ...state, open: true, unread: 0 };
    case "close":
      return { ...state, open: false };
    case "send": {
      const text = action.text.trim();
      if (!text) return state;
      const clientId = action.clientId ?? String(state.nextId);
      const pending: Pending = { id: state.nextId, text, state: "queued", clientId };
      return { ...state, pending: [...state.pending, pending], nextId: state.nextId + 1, error: undefined };
    }
    case "sent":
      return setPending(state, action.id, "sent");
    case "retry":
      return { ...setPending(state, action.id, "queued"), error: undefined };
    case "connection":
      return { ...state, connection: action.connection };
    case "contactLeft":
      return { ...state, contactLeft: true };
    case "rated":
      return { ...state, rated: { ...state.rated, [action.id]: action.rating } };
    case "reset":
      return { ...initialState, open: state.open, nextId: state.nextId };
  }
}

function setPending(state: ChatState, id: number, to: Pending["state"]): ChatState {
  return { ...state, pending: state.pending.map((p) => (p.id === id ? { ...p, state: to } : p)) };
}

function applyFrame(state: ChatState, frame: Frame): ChatState {
  switch (frame.type) {
    case "history":
      return applyHistory(state, frame.messages);
    case "message":
      return applyMessage(state, frame);
    case "typing":
      return { ...state, typing: true };
    case "delta":
      return applyDelta(state, frame.id, frame.delta);
    case "error": {
      // A rejected message (rate limit, daily cap, too long, ...) gets an error carrying its clientId
      // instead of an echo: that message, and only that one, failed.
      const failed = frame.clientId && state.pending.find((p) => p.clientId === frame.clientId);
      const next = failed ? setPending(state, failed.id, "failed") : state;
      return { ...next, typing: false, error: frame.code };
    }
    case "status": {
      const agentName = frame.agent?.name;
      // Sent again on every reconnect: an unchanged status must not re-render anything.
      if (
        state.mode === frame.mode &&
        state.agentName === agentName &&
        state.agentsAvailable === frame.agentsAvailable &&
        state.handoff === frame.handoffEnabled
      )
        return state;
      return {
        ...state,
        mode: frame.mode,
        agentName,
        agentsAvailable: frame.agentsAvailable,
        handoff: frame.handoffEnabled,
      };
    }
    case "pong":
      return state;
  }
}

/**
 * The server sends the whole stored conversation first on every connect, so the list is replaced.
 * A message sent on a socket that died before its echo either reached the server (it is among the
 * history's user messages that were not shown before) or must be sent again.
 */
function applyHistory(state: ChatState, messages: Message[]): ChatState {
  const shown = new Set(state.messages.map((m) => m.id));
  const arrived = messages.filter((m) => m.sender === "user" && !shown.has(m.id)).map((m) => m.message);
  const pending: Pending[] = [];
  for (const p of state.pending) {
    const index = p.state === "sent" ? arrived.indexOf(p.text) : -1;
    if (index >= 0) arrived.splice(index, 1);
    else pending.push(p.state === "sent" ? { ...p, state: "queued" } : p);
  }
  return { ...state, messages, pending, typing: false, connection: "online" };
}

function applyMessage(state: ChatState, message: Message): ChatState {
  const index = state.messages.findIndex((m) => m.id === message.id);
  const replaced = state.messages[index];
  // The final answer carries the id its deltas used, so it replaces the streamed draft in place.
  const messages = replaced ? replaceAt(state.messages, index, message) : [...state.messages, message];
  let { pending, unread, typing } = state;
  if (message.sender === "user") {
    // An echo names its message by clientId; one without (a replay, an older server) by its text.
    const echoed = pending.find((p) =>
      message.clientId ? p.clientId === message.clientId : p.state !== "failed" && p.text === message.message,
    );
    if (echoed) pending = pending.filter((p) => p !== echoed);
  } else {
    typing = false;
    // A draft was not counted while it streamed; a repeated frame must not be counted twice.
    if (!state.open && (!replaced || replaced.streaming)) unread++;
  }
  return { ...state, messages, pending, unread, typing };
}

function applyDelta(state: ChatState, id: string, delta: string): ChatState {
  const index = state.messages.findIndex((m) => m.id === id);
  const draft = state.messages[index];
  const messages = draft
    ? replaceAt(state.messages, index, { ...draft, message: draft.message + delta })
    : [
        ...state.messages,
        {
          type: "message" as const,
          id,
          sender: "assistant" as const,
          message: delta,
          timestamp: new Date().toISOString(),
          streaming: true,
        },
      ];
  return { ...state, messages, typing: false };
}

function replaceAt<T>(list: T[], index: number, item: T): T[] {
  return list.map((old, i) => (i === index ? item : old));
}
