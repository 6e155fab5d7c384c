import { decodeFrame, type Frame } from "./frames";

/** What the transport reports; the controller turns these into model actions. */
export interface TransportEvents {
  frame(frame: Frame): void;
  /** The socket closed or could not open; a retry is already scheduled. */
  down(): void;
}

export interface Transport {
  /** False when the socket is not open: the caller keeps the message and sends it later. */
  send(
    frame:
      | { type: "user"; message: string; clientId: string }
      | { type: "ping" }
      | { type: "handoff"; lang?: string }
      | { type: "contact"; email: string; name?: string }
      | { type: "feedback"; messageId: string; rating: "up" | "down"; comment?: string },
  ): boolean;
  /** Skip the remaining backoff, e.g. when the browser comes back online. */
  retryNow(): void;
  close(): void;
}

export interface TransportOptions {
  createSocket?: (url: string) => WebSocket;
  random?: () => number;
  /** First retry delay in ms; doubles per failed attempt up to `maxDelay`. */
  baseDelay?: number;
  maxDelay?: number;
  /** Keep-alive ping interval; a socket silent for two intervals is treated as dead. */
  pingInterval?: number;
}

/** A WebSocket that reconnects with exponential backoff and jitter until closed. */
export function connect(url: string, events: TransportEvents, options: TransportOptions = {}): Transport {
  const {
    createSocket = (address: string) => new WebSocket(address),
    random = Math.random,
    baseDelay = 1000,
    maxDelay = 30_000,
    pingInterval = 25_000,
  } = options;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;

  const open = () => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    try {
      socket = createSocket(url);
    } catch {
      return drop();
    }
    socket.onopen = () => {
      lastHeard = Date.now();
      pingTimer = setInterval(() => {
        // A half-open TCP connection never fires `close`; silence is the only sign of it.
        if (Date.now() - lastHeard > 2 * pingInterval) drop();
        else socket?.send('{"type":"ping"}');
      }, pingInterval);
    };
    socket.onmessage = (event) => {
      lastHeard = Date.now();
      const frame = decodeFrame(event.data);
      if (!frame) return;
      // Only a server that answers resets the backoff: one that accepts and hangs up must not
      // be hammered.
      attempt = 0;
      events.frame(frame);
    };
    socket.onclose = drop;
  };

  const detach = () => {
    clearInterval(pingTimer);
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close();
    socket = undefined;
  };

  function drop() {
    detach();
    if (closed) return;
    // "Equal jitter": at least half the backoff, so retries neither stampede nor stall.
    const delay = Math.min(maxDelay, baseDelay * 2 ** attempt++) * (0.5 + random() / 2);
    retryTimer = setTimeout(open, delay);
    events.down();
  }

  open();
  return {
    send(frame) {
      if (socket?.readyState !== 1) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    retryNow() {
      if (retryTimer) open();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      detach();
    },
  };
}
