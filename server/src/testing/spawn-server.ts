import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningServer {
  url: string;
  adminToken: string;
  dataDir: string;
  logs: () => string;
  pid: number;
  /** Null while the server process runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
  /** `kill -9`: no shutdown hook runs, as in a crash or an OOM kill. */
  crash(): Promise<void>;
}

const root = join(import.meta.dir, "..", "..", "..");

/**
 * Starts the real server as a child process the way the README does (`bun server/src/index.ts`, after `bun run build`
 * has produced the widget), on a fresh data dir and a free port, with no API key.
 */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "supportal-e2e-")));
  const adminToken = "e2e-admin-token-0123456789";
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(options.port ?? 0),
    HOST: "127.0.0.1",
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_ADMIN_TOKEN: adminToken,
    SUPPORTAL_EMBED_WORKERS: "1",
    ...options.env,
  };
  // No model API unless the caller names one (a loopback stub).
  if (!options.env?.OPENAI_API_KEY) delete env.OPENAI_API_KEY;
  if (!options.env?.OPENAI_BASE_URL) delete env.OPENAI_BASE_URL;
  const child = Bun.spawn(["bun", "server/src/index.ts"], { cwd: root, env, stdout: "pipe", stderr: "pipe" });
  let output = "";
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      output += decoder.decode(read.value);
    }
  };
  void collect(child.stdout);
  void collect(child.stderr);

  const deadline = Date.now() + 30_000;
  let url = "";
  while (!url) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`server did not start:\n${output}`);
    }
    url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1] ?? "";
    if (!url) await Bun.sleep(50);
  }
  return {
    url,
    adminToken,
    dataDir,
    logs: () => output,
    pid: child.pid,
    exitCode: () => child.exitCode,
    async crash() {
      child.kill("SIGKILL");
      await child.exited;
    },
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}
