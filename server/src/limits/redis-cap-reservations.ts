import { INSTANCE_LEASE_MS, instanceKey, REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import { type CapReservations, once } from "./cap-reservations";
import { RELEASE_PLACE } from "./redis-socket-caps";

// Per key a hash: instance id → the places it holds. One step on the Redis server takes a place in
// every key and counts what each holds; an instance whose heartbeat key has expired (it crashed with
// questions queued) stops counting, as with socket places.
const HOLD = `
local instance, prefix, keep = ARGV[1], ARGV[2], ARGV[3]
local totals = {}
for k = 1, #KEYS do
  redis.call('HINCRBY', KEYS[k], instance, 1)
  redis.call('PEXPIRE', KEYS[k], keep)
  local total = 0
  local held = redis.call('HGETALL', KEYS[k])
  for i = 1, #held, 2 do
    if redis.call('EXISTS', prefix .. held[i]) == 1 then
      total = total + tonumber(held[i + 1])
    else
      redis.call('HDEL', KEYS[k], held[i])
    end
  end
  totals[k] = total
end
return totals
`;

/** Queued messages' places in the daily caps, shared by every instance through Redis. */
export function createRedisCapReservations(
  redis: Pick<RedisLink, "command" | "instanceId">,
): CapReservations {
  const keyOf = (businessId: number, key: string) => `${REDIS_PREFIX}cap-held:${businessId}|${key}`;
  // A place is held for as long as its question waits for an answer: minutes at most.
  const keepMs = String(60 * 60_000 + INSTANCE_LEASE_MS);
  return {
    async hold(businessId, keys) {
      const redisKeys = keys.map((key) => keyOf(businessId, key));
      const totals = (await redis.command.eval(
        HOLD,
        redisKeys.length,
        ...redisKeys,
        redis.instanceId,
        instanceKey(""),
        keepMs,
      )) as number[];
      return {
        held: totals.map(Number),
        release: once(() => {
          for (const key of redisKeys) {
            redis.command.eval(RELEASE_PLACE, 1, key, redis.instanceId).catch((error: unknown) => {
              console.error("[supportal] redis cap place release failed", error);
            });
          }
        }),
      };
    },
  };
}
