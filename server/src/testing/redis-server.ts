import { RedisClient } from "bun";

export interface TestRedis {
  url: string;
  /** A client of its own for the test to look inside (PUBSUB, keys). */
  client: RedisClient;
  stop(): Promise<void>;
}

/** Why Redis tests cannot run here, or null; under CI=true its absence fails them (`.ci/run` installs it). */
export function redisUnavailable(): string | null {
  if (Bun.which("redis-server")) return null;
  const reason = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)";
  if (process.env.CI === "true") throw new Error(`${reason}; CI must run the Redis tests`);
  return reason;
}

async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
}

/** A real redis-server on a free loopback port, nothing persisted, for one test file. */
export async function startTestRedis(): Promise<TestRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = Bun.spawn(
      ["redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
      { stdout: "pipe", stderr: "pipe" },
    );
    const url = `redis://127.0.0.1:${port}`;
    const client = new RedisClient(url, { autoReconnect: false, connectionTimeout: 1000 });
    const deadline = Date.now() + 10_000;
    while (child.exitCode === null && Date.now() < deadline) {
      try {
        await client.connect();
        if ((await client.send("PING", [])) === "PONG") {
          return {
            url,
            client,
            async stop() {
              client.close();
              child.kill("SIGTERM");
              await child.exited;
            },
          };
        }
      } catch {
        await Bun.sleep(50);
      }
    }
    client.close();
    child.kill("SIGKILL");
    await child.exited;
    // Another process may have taken the port between the probe and the start.
    if (attempt === 3)
      throw new Error(`redis-server did not start: ${await new Response(child.stdout).text()}`);
  }
}
