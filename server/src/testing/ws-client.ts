import { connect as tcpConnect } from "node:net";
import { type ErrorFrame, type HistoryFrame, type Message, ServerFrame } from "@supportal/shared";
import * as z from "zod/mini";

interface NextOptions {
  timeoutMs?: number;
  from?: number;
}

export interface TestSocket {
  /** Every frame received, each checked against the contract's `ServerFrame` schema. */
  frames: ServerFrame[];
  /**
   * Resolves with the first frame (from `from` on) matching `match`; rejects after `timeoutMs`, or
   * at once when the server sent a frame the contract does not allow.
   */
  next<Match extends ServerFrame>(
    match: (frame: ServerFrame) => frame is Match,
    options?: NextOptions,
  ): Promise<Match>;
  next(match: (frame: ServerFrame) => boolean, options?: NextOptions): Promise<ServerFrame>;
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
  let violation: Error | undefined;
  const checked = new URL(url).pathname.startsWith("/ws/chat/");
  const record = (frame: ServerFrame) => frames.push(frame);
  const waiters = new Set<() => void>();
  socket.addEventListener("message", (event) => {
    const value: unknown = JSON.parse(String(event.data));
    // The chat socket is the contract's: every frame is checked. The agent inbox's frames have no
    // shared schema yet, so they are recorded as they come.
    const parsed = checked ? z.safeParse(ServerFrame, value) : undefined;
    if (!parsed) record(value as ServerFrame);
    else if (parsed.success) record(parsed.data);
    else violation ??= new Error(`frame breaks the contract: ${String(event.data).slice(0, 500)}`);
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
    next(match: (frame: ServerFrame) => boolean, { timeoutMs = 15_000, from = 0 }: NextOptions = {}) {
      return new Promise<ServerFrame>((resolve, reject) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (!found && !violation) return false;
          waiters.delete(check);
          clearTimeout(timer);
          if (found) resolve(found);
          else reject(violation);
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
      new Promise<void>((resolve, reject) => {
        const done = () => (violation ? reject(violation) : resolve());
        if (socket.readyState === WebSocket.CLOSED) return done();
        socket.addEventListener("close", done, { once: true });
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

/** Frame guards for `next`, so tests read typed frames without casting. */
export const isAssistant = (f: ServerFrame): f is Message => f.type === "message" && f.sender === "assistant";
export const isUserEcho = (f: ServerFrame): f is Message => f.type === "message" && f.sender === "user";
export const isSystemNotice = (f: ServerFrame): f is Message => f.type === "message" && f.sender === "system";
export const isError = (f: ServerFrame): f is ErrorFrame => f.type === "error";
export const isHistory = (f: ServerFrame): f is HistoryFrame => f.type === "history";
