import { INSTANCE_LEASE_MS, instanceKey, REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import type { SocketCaps } from "./socket-caps";

// One hash per address: instance id → its open sockets. Places held by an instance whose heartbeat
// key has expired (it crashed) are dropped as they are counted, so a crash frees them.
const ADMIT = `
local max = tonumber(ARGV[1])
local open = 0
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do
  if redis.call('EXISTS', ARGV[3] .. held[i]) == 1 then
    open = open + tonumber(held[i + 1])
  else
    redis.call('HDEL', KEYS[1], held[i])
  end
end
if open >= max then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

export const RELEASE_PLACE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`;

/** Per-address socket places in Redis, shared by every instance. */
export function createRedisSocketCaps(redis: Pick<RedisLink, "command" | "instanceId">): SocketCaps {
  const keyOf = (ip: string) => `${REDIS_PREFIX}sockets:${ip}`;
  const instancePrefix = instanceKey("");
  // The hash outlives a quiet day at most; every admission renews it.
  const keepMs = String(24 * 60 * 60 * 1000 + INSTANCE_LEASE_MS);
  return {
    async admit(ip, max) {
      const admitted = await redis.command.eval(
        ADMIT,
        1,
        keyOf(ip),
        max,
        redis.instanceId,
        instancePrefix,
        keepMs,
      );
      return Number(admitted) === 1;
    },
    async release(ip) {
      await redis.command.eval(RELEASE_PLACE, 1, keyOf(ip), redis.instanceId).catch((error: unknown) => {
        console.error("[supportal] redis socket release failed", error);
      });
    },
  };
}
