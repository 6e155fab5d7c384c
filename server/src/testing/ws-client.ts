import { connect as tcpConnect } from "node:net";
import type { ServerFrame } from "@supportal/shared";

export interface TestSocket {
  frames: ServerFrame[];
  /** Resolves with the first frame (from `from` on) matching `match`; rejects after `timeoutMs`. */
  next(
    match: (frame: ServerFrame) => boolean,
    options?: { timeoutMs?: number; from?: number },
  ): Promise<ServerFrame>;
  send(frame: unknown): void;
  sendRaw(data: string | Uint8Array): void;
  close(): Promise<void>;
  /** Resolves when the socket closes, from either side. */
  readonly closed: Promise<void>;
  readonly isOpen: boolean;
}

/** A fresh session id as a widget would choose one: 128 random bits, 32 hex characters. */
export const newSessionId = () => crypto.randomUUID().replaceAll("-", "");

/** A real WebSocket client that records every frame, for tests. */
export async function openSocket(
  url: string,
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<TestSocket> {
  // Bun's WebSocket takes headers, which the DOM typing does not know.
  const headers = { ...(options.origin ? { Origin: options.origin } : {}), ...options.headers };
  const init = Object.keys(headers).length > 0 ? { headers } : undefined;
  const socket = new WebSocket(url, init as unknown as string[] | undefined);
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  socket.addEventListener("message", (event) => {
    frames.push(JSON.parse(String(event.data)) as ServerFrame);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error(`could not open ${url}`)), { once: true });
  });
  const closed = new Promise<void>((resolve) =>
    socket.addEventListener("close", () => resolve(), { once: true }),
  );
  return {
    frames,
    closed,
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    next(match, { timeoutMs = 15_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 2000)}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (data) => socket.send(data),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.addEventListener("close", () => resolve(), { once: true });
        socket.close();
      }),
  };
}

/** The HTTP status a WebSocket handshake gets, read off the raw response line. */
export function handshakeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(target.port), target.hostname, () => {
      const lines = [
        `GET ${target.pathname}${target.search} HTTP/1.1`,
        // A test may send its own Host, as a spoofing client would.
        ...("Host" in headers ? [] : [`Host: ${target.host}`]),
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
    socket.once("data", (data) => {
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data.toString())?.[1] ?? 0));
      socket.destroy();
    });
    socket.once("error", reject);
  });
}
