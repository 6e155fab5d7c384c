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
  /** CPU per message of each repeat, in run order (the two figures above are their medians). */
  repeats: number[];
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

type SocketServer = Awaited<ReturnType<typeof spawnServer<{ wsUrl: string }>>>;

/** Opens every socket and reads the memory they took (after a full GC, outside any CPU window). */
async function open(server: SocketServer, urls: string[]) {
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
  return {
    sockets,
    openSeconds,
    bytesPerSocket: (idle.rss - before.rss) / sockets.length,
    heapBytesPerSocket: (idle.heapUsed - before.heapUsed) / sockets.length,
  };
}

/**
 * CPU per ping frame: a full GC first, then the window is read with no GC inside it, and the
 * process's idle CPU rate over the same length is measured just before, to subtract.
 */
async function pingCpu(server: SocketServer, sockets: WebSocket[], rounds: number) {
  await server.gc();
  const idleStart = await server.cpuMicros();
  await Bun.sleep(IDLE_PROBE_MS);
  const idleEnd = await server.cpuMicros();
  const idleMicrosPerMs = (idleEnd - idleStart) / IDLE_PROBE_MS;
  const started = performance.now();
  const cpu0 = await server.cpuMicros();
  const messages = await pingRounds(sockets, rounds);
  const cpu1 = await server.cpuMicros();
  const pingMs = performance.now() - started;
  return {
    messages,
    micros: (cpu1 - cpu0) / messages,
    corrected: (cpu1 - cpu0 - Math.max(0, idleMicrosPerMs * pingMs)) / messages,
  };
}

/**
 * Both servers up with all their sockets open at once, their ping windows interleaved
 * (Supportal, bare, Supportal, ...) `repeats` times, so a busy moment of the machine hits both.
 */
export async function measureSockets(count: number, rounds: number, repeats = 3): Promise<SocketRow[]> {
  const supportal = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", {
    // No model or embedder work happens here; the loopback address only keeps the offline model unloaded.
    OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    OPENAI_API_KEY: "sk-bench",
    SUPPORTAL_MAX_SOCKETS_PER_IP: String(count * 2),
  });
  const bare = await spawnServer<{ url: string; wsUrl: string }>("bare");
  try {
    const api = apiClient(supportal.info.url, supportal.info.adminToken);
    const business = await api.createBusiness({ name: "Socket bench" });
    const ours = await open(
      supportal,
      Array.from(
        { length: count },
        (_, i) => `${supportal.info.wsUrl}/ws/chat/${business.id}/socket-bench-${String(i).padStart(6, "0")}`,
      ),
    );
    const floor = await open(
      bare,
      Array.from({ length: count }, (_, i) => `${bare.info.wsUrl}/echo-${i}`),
    );
    const cpu: { ours: Awaited<ReturnType<typeof pingCpu>>[]; floor: Awaited<ReturnType<typeof pingCpu>>[] } =
      {
        ours: [],
        floor: [],
      };
    for (let r = 0; r < repeats; r++) {
      cpu.ours.push(await pingCpu(supportal, ours.sockets, rounds));
      cpu.floor.push(await pingCpu(bare, floor.sockets, rounds));
    }
    for (const socket of [...ours.sockets, ...floor.sockets]) socket.close();
    await Bun.sleep(500);
    const row = (server: string, opened: typeof ours, runs: typeof cpu.ours): SocketRow => ({
      server,
      sockets: opened.sockets.length,
      openSeconds: opened.openSeconds,
      bytesPerSocket: opened.bytesPerSocket,
      heapBytesPerSocket: opened.heapBytesPerSocket,
      messages: runs.reduce((sum, run) => sum + run.messages, 0),
      cpuMicrosPerMessage: median(runs.map((run) => run.micros)),
      idleCorrectedMicrosPerMessage: median(runs.map((run) => run.corrected)),
      repeats: runs.map((run) => run.micros),
    });
    return [
      row("Supportal (Hono routes, Bun socket handlers, chat service)", ours, cpu.ours),
      row("bare Bun.serve WebSocket echo", floor, cpu.floor),
    ];
  } finally {
    await Promise.all([supportal.stop(), bare.stop()]);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
