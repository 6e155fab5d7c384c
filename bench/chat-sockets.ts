// CPU per message and memory per idle socket: our Hono chat socket against a bare Bun.serve echo,
// each server in its own subprocess (its CPU time and RSS read there after a full GC), the clients here.
import { apiClient } from "../server/src/testing/api-client";
import { spawnServer } from "./chat-process";

export interface SocketRow {
  server: string;
  sockets: number;
  openSeconds: number;
  bytesPerSocket: number;
  heapBytesPerSocket: number;
  messages: number;
  cpuMicrosPerMessage: number;
  /** The same, less the process's idle CPU rate over the time the pings took. */
  idleCorrectedMicrosPerMessage: number;
}

const OPEN_BATCH = 250;
const IDLE_PROBE_MS = 2000;

async function openMany(urls: string[]): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < urls.length; start += OPEN_BATCH) {
    const batch = await Promise.all(
      urls.slice(start, start + OPEN_BATCH).map(
        (url) =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(url);
            socket.addEventListener("open", () => resolve(socket), { once: true });
            socket.addEventListener("error", () => reject(new Error(`could not open ${url}`)), {
              once: true,
            });
          }),
      ),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** Every socket sends one ping per round and the round ends when every reply is in. */
async function pingRounds(sockets: WebSocket[], rounds: number): Promise<number> {
  const frame = JSON.stringify({ type: "ping" });
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            const onMessage = (event: MessageEvent) => {
              if (String(event.data).includes('"type":"ping"') || String(event.data).includes('"pong"')) {
                socket.removeEventListener("message", onMessage);
                resolve();
              }
            };
            socket.addEventListener("message", onMessage);
            socket.send(frame);
          }),
      ),
    );
  }
  return sockets.length * rounds;
}

async function measure(
  name: string,
  server: Awaited<ReturnType<typeof spawnServer<{ wsUrl: string }>>>,
  urls: string[],
  rounds: number,
): Promise<SocketRow> {
  // Warm-up on a few sockets so JIT and first-use allocations are not billed to the sockets.
  const warm = await openMany(urls.slice(0, 20).map((url) => `${url}-warm`));
  await pingRounds(warm, 5);
  for (const socket of warm) socket.close();
  await Bun.sleep(300);
  const before = await server.stats();
  const started = performance.now();
  const sockets = await openMany(urls);
  const openSeconds = (performance.now() - started) / 1000;
  await Bun.sleep(1000);
  const idle = await server.stats();
  // What the process burns doing nothing (timers, native runtime threads), billed to no message.
  await Bun.sleep(IDLE_PROBE_MS);
  const idleEnd = await server.stats();
  const idleMicrosPerMs = (idleEnd.cpuMicros - idle.cpuMicros) / IDLE_PROBE_MS;
  const pingStarted = performance.now();
  const messages = await pingRounds(sockets, rounds);
  const after = await server.stats();
  const pingMs = performance.now() - pingStarted;
  for (const socket of sockets) socket.close();
  await Bun.sleep(500);
  return {
    server: name,
    sockets: sockets.length,
    openSeconds,
    bytesPerSocket: (idle.rss - before.rss) / sockets.length,
    heapBytesPerSocket: (idle.heapUsed - before.heapUsed) / sockets.length,
    messages,
    cpuMicrosPerMessage: (after.cpuMicros - idleEnd.cpuMicros) / messages,
    idleCorrectedMicrosPerMessage:
      (after.cpuMicros - idleEnd.cpuMicros - Math.max(0, idleMicrosPerMs * pingMs)) / messages,
  };
}

export async function measureSockets(count: number, rounds: number): Promise<SocketRow[]> {
  const rows: SocketRow[] = [];
  const supportal = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", {
    // No model or embedder work happens here; the loopback address only keeps the offline model unloaded.
    OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    OPENAI_API_KEY: "sk-bench",
    SUPPORTAL_MAX_SOCKETS_PER_IP: String(count * 2),
  });
  try {
    const api = apiClient(supportal.info.url, supportal.info.adminToken);
    const business = await api.createBusiness({ name: "Socket bench" });
    const urls = Array.from(
      { length: count },
      (_, i) => `${supportal.info.wsUrl}/ws/chat/${business.id}/socket-bench-${String(i).padStart(6, "0")}`,
    );
    rows.push(
      await measure("Supportal (Hono routes, Bun socket handlers, chat service)", supportal, urls, rounds),
    );
  } finally {
    await supportal.stop();
  }
  const bare = await spawnServer<{ url: string; wsUrl: string }>("bare");
  try {
    const urls = Array.from({ length: count }, (_, i) => `${bare.info.wsUrl}/echo-${i}`);
    rows.push(await measure("bare Bun.serve WebSocket echo", bare, urls, rounds));
  } finally {
    await bare.stop();
  }
  return rows;
}
