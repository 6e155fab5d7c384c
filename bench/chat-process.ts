import type { Subprocess } from "bun";

export interface ServerStats {
  rss: number;
  heapUsed: number;
  cpuMicros: number;
}

export interface BenchProcess<Info> {
  info: Info & { pid: number };
  /** After a full GC: memory and CPU time. */
  stats(): Promise<ServerStats>;
  /** A full GC, finished before this resolves: call it before a measured window, never inside. */
  gc(): Promise<void>;
  /** CPU time (user + system, every thread), read without a GC. */
  cpuMicros(): Promise<number>;
  /** Resolves when background work is done: ingestion, then the answer sentences' vectors (Supportal only). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `bench/chat-serve.ts <kind>` and talks to it over stdin/stdout, one JSON line each way. */
export async function spawnServer<Info>(
  kind: string,
  env: Record<string, string> = {},
): Promise<BenchProcess<Info>> {
  const child: Subprocess<"pipe", "pipe", "inherit"> = Bun.spawn(
    // BENCH_BUN_FLAGS: extra flags for the server's Bun (a profiler, say: `--cpu-prof-md`).
    [
      "bun",
      ...(process.env.BENCH_BUN_FLAGS ?? "").split(" ").filter(Boolean),
      `${import.meta.dir}/chat-serve.ts`,
      kind,
    ],
    { stdin: "pipe", stdout: "pipe", stderr: "inherit", env: { ...process.env, ...env } },
  );
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  async function nextLine(): Promise<string> {
    for (;;) {
      const newline = buffered.indexOf("\n");
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith("{")) return line;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`bench server "${kind}" exited`);
      buffered += decoder.decode(value, { stream: true });
    }
  }
  const info = JSON.parse(await nextLine()) as Info & { pid: number };
  return {
    info,
    async stats() {
      child.stdin.write("stats\n");
      child.stdin.flush();
      return JSON.parse(await nextLine()) as ServerStats;
    },
    async gc() {
      child.stdin.write("gc\n");
      child.stdin.flush();
      await nextLine();
    },
    async cpuMicros() {
      child.stdin.write("cpu\n");
      child.stdin.flush();
      return (JSON.parse(await nextLine()) as { cpuMicros: number }).cpuMicros;
    },
    async settled() {
      child.stdin.write("settled\n");
      child.stdin.flush();
      await nextLine();
    },
    async stop() {
      child.stdin.write("stop\n");
      child.stdin.flush();
      const timer = setTimeout(() => child.kill(), 10_000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
