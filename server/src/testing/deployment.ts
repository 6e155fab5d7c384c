import { rm } from "node:fs/promises";
import { startTestRedis, type TestRedis } from "./redis-server";
import { startTestS3, type TestS3 } from "./s3-server";
import { type RunningServer, startServer } from "./spawn-server";

/** Several real server processes sharing one Redis and one object store, as behind a load balancer. */
export interface Deployment {
  instances: RunningServer[];
  redis: TestRedis;
  s3: TestS3;
  /** The environment every instance got on top of the defaults. */
  env: Record<string, string>;
  /** Starts one more instance of the deployment (a replacement, say). */
  addInstance(): Promise<RunningServer>;
  stop(): Promise<void>;
}

let deployments = 0;

/**
 * Starts the shared services on loopback, then `count` instances as `bun server/src/index.ts`
 * processes on ports the OS picks. Each instance has its own data dir (SQLite, uploads) unless
 * `env` names a shared database.
 */
export async function startDeployment(
  count: number,
  options: { env?: Record<string, string> } = {},
): Promise<Deployment> {
  const [redis, s3] = await Promise.all([startTestRedis(), startTestS3()]);
  const env = {
    SUPPORTAL_REDIS_URL: redis.url,
    ...s3.env(`deployment-${process.pid}-${++deployments}`),
    ...options.env,
  };
  const instances: RunningServer[] = [];
  const addInstance = async () => {
    const instance = await startServer({ env });
    instances.push(instance);
    return instance;
  };
  try {
    // One after another: two processes loading the sentence encoder at once on 2 shared cores
    // starve each other past the start timeout.
    for (let i = 0; i < count; i++) await addInstance();
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all([redis.stop(), s3.stop()]);
    throw error;
  }
  return {
    instances,
    redis,
    s3,
    env,
    addInstance,
    async stop() {
      await Promise.all(
        instances.map((instance) => (instance.exitCode() === null ? instance.stop() : undefined)),
      );
      await Promise.all([redis.stop(), s3.stop()]);
      await Promise.all(instances.map((instance) => rm(instance.dataDir, { recursive: true, force: true })));
    },
  };
}
