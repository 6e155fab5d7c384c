import { INSTANCE_LEASE_MS, instanceKey, REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import { type CapReservations, once } from "./cap-reservations";
import { RELEASE_PLACE } from "./redis-socket-caps";

// Per key a hash: instance id → the places it holds. An instance whose heartbeat key has expired (it
// crashed with questions queued) stops counting, as with socket places. All keys are checked, then
// all taken, in one step on the Redis server: two instances cannot both take a cap's last place.
const TAKE = `
local instance, prefix, keep = ARGV[1], ARGV[2], ARGV[3]
for k = 1, #KEYS do
  local used, limit = tonumber(ARGV[2 + 2 * k]), tonumber(ARGV[3 + 2 * k])
  local held = redis.call('HGETALL', KEYS[k])
  for i = 1, #held, 2 do
    if redis.call('EXISTS', prefix .. held[i]) == 1 then
      used = used + tonumber(held[i + 1])
    else
      redis.call('HDEL', KEYS[k], held[i])
    end
  end
  if used >= limit then return k end
end
for k = 1, #KEYS do
  redis.call('HINCRBY', KEYS[k], instance, 1)
  redis.call('PEXPIRE', KEYS[k], keep)
end
return 0
`;

/** Queued messages' places in the daily caps, shared by every instance through Redis. */
export function createRedisCapReservations(
  redis: Pick<RedisLink, "command" | "instanceId">,
): CapReservations {
  const keyOf = (businessId: number, key: string) => `${REDIS_PREFIX}cap-held:${businessId}|${key}`;
  // A place is held for as long as its question waits for an answer: minutes at most.
  const keepMs = String(60 * 60_000 + INSTANCE_LEASE_MS);
  return {
    async take(businessId, places) {
      const keys = places.map((place) => keyOf(businessId, place.key));
      const counts = places.flatMap((place) => [place.used, place.limit]);
      const full = Number(
        await redis.command.eval(
          TAKE,
          keys.length,
          ...keys,
          redis.instanceId,
          instanceKey(""),
          keepMs,
          ...counts,
        ),
      );
      if (full > 0) return { full: full - 1 };
      return {
        release: once(() => {
          for (const key of keys) {
            redis.command.eval(RELEASE_PLACE, 1, key, redis.instanceId).catch((error: unknown) => {
              console.error("[supportal] redis cap place release failed", error);
            });
          }
        }),
      };
    },
  };
}
