import { RedisClient } from "bun";

/** Every key and channel Supportal uses starts with this, so it can share a Redis with others. */
export const REDIS_PREFIX = "supportal:";

// An instance proves it is alive by renewing its key this often; one silent for the lease is
// taken as gone (crashed or cut off), and what it held (socket places, presence) stops counting.
const INSTANCE_HEARTBEAT_MS = 5_000;
export const INSTANCE_LEASE_MS = 20_000;

// While Redis is unreachable a command fails at once (a visitor gets an error frame, not a silent
// wait for the reconnection), and the client keeps trying to reconnect for as long as it takes.
const CLIENT_OPTIONS = { enableOfflineQueue: false, maxRetries: 1_000_000 };

export const instanceKey = (instanceId: string) => `${REDIS_PREFIX}instance:${instanceId}`;

/** One instance's connections to the shared Redis: commands, and a second one for subscriptions. */
export interface RedisLink {
  /** Unique to this process: frames it published itself are not delivered twice. */
  instanceId: string;
  command: RedisClient;
  /** A connection in subscriber mode takes no other commands, hence its own. */
  subscriber: RedisClient;
  close(): Promise<void>;
}

/** Connects (failing at start on a wrong address, not at the first message) and starts the heartbeat. */
export async function openRedis(url: string): Promise<RedisLink> {
  const command = new RedisClient(url, CLIENT_OPTIONS);
  await command.connect();
  const subscriber = await command.duplicate();
  const instanceId = crypto.randomUUID();
  const beat = () =>
    command.send("SET", [instanceKey(instanceId), "1", "PX", String(INSTANCE_LEASE_MS)]).catch((error) => {
      console.error("[supportal] redis heartbeat failed", error);
    });
  await beat();
  const heartbeat = setInterval(beat, INSTANCE_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    instanceId,
    command,
    subscriber,
    async close() {
      clearInterval(heartbeat);
      await command.del(instanceKey(instanceId)).catch(() => undefined);
      subscriber.close();
      command.close();
    },
  };
}
