import { RedisClient } from "bun";

export interface TestRedis {
  url: string;
  /** A client of its own for the test to look inside (PUBSUB, keys). */
  client: RedisClient;
  /** The end: closes the client and kills the server. */
  stop(): Promise<void>;
  /** An outage: kills the server; `start` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
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

/** Starts redis-server on `port`; null when it does not answer (the port was taken meanwhile). */
async function spawnRedis(port: number) {
  const child = Bun.spawn(
    ["redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    { stdout: "pipe", stderr: "pipe" },
  );
  const probe = new RedisClient(`redis://127.0.0.1:${port}`, {
    autoReconnect: false,
    connectionTimeout: 1000,
  });
  const deadline = Date.now() + 10_000;
  try {
    while (child.exitCode === null && Date.now() < deadline) {
      try {
        await probe.connect();
        if ((await probe.send("PING", [])) === "PONG") return child;
      } catch {
        await Bun.sleep(50);
      }
    }
  } finally {
    probe.close();
  }
  child.kill("SIGKILL");
  await child.exited;
  return null;
}

/** A real redis-server on a free loopback port, nothing persisted, for one test file. */
export async function startTestRedis(): Promise<TestRedis> {
  let port = 0;
  let child: Awaited<ReturnType<typeof spawnRedis>> = null;
  // Another process may take the port between the probe and the start: try another.
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    child = await spawnRedis(port);
  }
  if (!child) throw new Error("redis-server did not start on a free loopback port");
  const url = `redis://127.0.0.1:${port}`;
  const client = new RedisClient(url);
  await client.connect();
  let running: typeof child | null = child;
  const kill = async () => {
    running?.kill("SIGKILL");
    await running?.exited;
    running = null;
  };
  return {
    url,
    client,
    kill,
    async stop() {
      client.close();
      await kill();
    },
    async start() {
      running = await spawnRedis(port);
      if (!running) throw new Error(`redis-server did not start again on port ${port}`);
    },
  };
}

/** How many connections (one per instance) are subscribed to a session's channel. */
export async function sessionSubscribers(redis: TestRedis, sessionKey: string): Promise<number> {
  const reply = (await redis.client.send("PUBSUB", ["NUMSUB", `supportal:session:${sessionKey}`])) as [
    string,
    number,
  ];
  return Number(reply[1]);
}
