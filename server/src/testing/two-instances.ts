import { apiClient } from "./api-client";
import { startTestRedis, type TestRedis } from "./redis-server";
import { startTestServer, type TestServer } from "./test-server";

export interface TwoInstances {
  redis: TestRedis;
  a: TestServer;
  b: TestServer;
  /** Stops both servers (removing their data) and then Redis. */
  stop(): Promise<void>;
}

/**
 * A real Redis and two real servers on it, each with its own data dir holding the same business 1
 * (made from `business`): what several instances share through Redis, without a shared database.
 */
export async function startTwoInstances(
  env: Record<string, string> = {},
  business: Record<string, unknown> = { name: "Shop" },
): Promise<TwoInstances> {
  const redis = await startTestRedis();
  const serverEnv = { ...env, SUPPORTAL_REDIS_URL: redis.url };
  const [a, b] = await Promise.all([
    startTestServer({ env: serverEnv }),
    startTestServer({ env: serverEnv }),
  ]);
  for (const server of [a, b]) await apiClient(server.url, server.adminToken).createBusiness(business);
  return {
    redis,
    a,
    b,
    async stop() {
      await Promise.all([a.stop({ removeData: true }), b.stop({ removeData: true })]);
      await redis.stop();
    },
  };
}
