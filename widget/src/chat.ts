import type { Message, Rating } from "@supportal/shared";
import { type Action, type ChatState, initialState, reduce } from "./model";
import { chatRefused } from "./public-config";
import { loadSession, newSessionId, saveSession } from "./session";
import { createStore, type Store } from "./store";
import { connect, type Transport, type TransportOptions } from "./transport";

export interface ChatEvents {
  open: () => void;
  close: () => void;
  message: (message: Message) => void;
}

/** What components may do; they never see the transport. */
export interface ChatActions {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): void;
  retry(id: number): void;
  /** Starts over with a new random session id. */
  reset(): void;
  /** Asks for a person. */
  handoff(): void;
  /** Leaves an address while nobody is available. */
  contact(email: string, name?: string): void;
  /** Rates one assistant answer (a later rating replaces it). */
  rate(messageId: string, rating: Rating, comment?: string): void;
}

export interface Chat extends ChatActions {
  store: Store<ChatState, Action>;
  on<E extends keyof ChatEvents>(event: E, listener: ChatEvents[E]): () => void;
  /** Skips the backoff wait, e.g. when the browser reports it is back online. */
  reconnect(): void;
}

export interface ChatOptions {
  server: string;
  business: number;
  storage: () => Storage | undefined;
  /** The widget's language, sent with the handshake so the server answers in it. */
  lang?: string;
  transport?: TransportOptions;
  /** Whether the server refuses this site or business for good; by default it asks the public config. */
  refused?: () => Promise<boolean>;
}

export const socketUrl = (server: string, business: number, session: string, lang?: string) =>
  new URL(`ws/chat/${business}/${session}${lang ? `?lang=${lang}` : ""}`, server).href.replace(/^http/, "ws");

/**
 * Wires the model to the socket and to `window.Supportal`'s events. Nothing touches storage or the
 * network until the chat is first opened.
 */
export function createChat({
  server,
  business,
  storage,
  lang,
  transport: options,
  refused = () => chatRefused(server, business),
}: ChatOptions): Chat {
  const store = createStore(reduce, initialState);
  const listeners = new Map<keyof ChatEvents, Set<(arg: never) => void>>();
  let transport: Transport | undefined;
  let session: string | undefined;
  // Other tabs of the same session get this tab's echoes too: ids unique to the tab keep them apart.
  const tab = Math.random().toString(36);

  // A browser does not tell a refused handshake (403, 404) from a network failure, so on a failed
  // socket the widget asks the public config, which applies the same checks, and stops for good.
  const checkRefused = async () => {
    if ((await refused()) && transport) {
      transport.close();
      dispatch({ type: "connection", connection: "unavailable" });
    }
  };

  const emit = (event: keyof ChatEvents, message?: Message) => {
    for (const listener of listeners.get(event) ?? []) {
      // A throwing host callback must not break the widget; it still surfaces in the console.
      queueMicrotask(() => (listener as (message?: Message) => void)(message));
    }
  };

  const dispatch = (action: Action) => {
    store.dispatch(action);
    flush();
  };

  // Queued messages go out only once `history` has arrived, so the server's replay is never mistaken
  // for a reply to them.
  const flush = () => {
    const { connection, pending } = store.get();
    if (connection !== "online" || !transport) return;
    for (const p of pending) {
      if (p.state === "queued" && transport.send({ type: "user", message: p.text, clientId: p.clientId })) {
        store.dispatch({ type: "sent", id: p.id });
      }
    }
  };

  const start = () => {
    session ??= loadSession(storage(), business);
    dispatch({ type: "connection", connection: "connecting" });
    transport = connect(
      socketUrl(server, business, session, lang),
      {
        frame(frame) {
          dispatch({ type: "frame", frame });
          if (frame.type === "message") emit("message", frame);
        },
        down() {
          dispatch({ type: "connection", connection: "offline" });
          void checkRefused();
        },
      },
      options,
    );
  };

  const chat: Chat = {
    store,
    open() {
      if (store.get().open) return;
      dispatch({ type: "open" });
      if (!transport) start();
      emit("open");
    },
    close() {
      if (!store.get().open) return;
      dispatch({ type: "close" });
      emit("close");
    },
    toggle: () => (store.get().open ? chat.close() : chat.open()),
    send: (text) => dispatch({ type: "send", text, clientId: tab + store.get().nextId }),
    retry: (id) => dispatch({ type: "retry", id }),
    reset() {
      transport?.close();
      transport = undefined;
      session = saveSession(storage(), business, newSessionId());
      dispatch({ type: "reset" });
      start();
    },
    handoff: () => void transport?.send({ type: "handoff", ...(lang ? { lang } : {}) }),
    contact(email, name) {
      if (transport?.send({ type: "contact", email, ...(name ? { name } : {}) }))
        dispatch({ type: "contactLeft" });
    },
    rate(messageId, rating, comment) {
      if (transport?.send({ type: "feedback", messageId, rating, ...(comment ? { comment } : {}) }))
        dispatch({ type: "rated", id: messageId, rating: comment === undefined ? rating : "sent" });
    },
    reconnect: () => transport?.retryNow(),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  };
  return chat;
}
