import { REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import type { RateLimiter } from "./rate-limiter";

// The same token bucket as token-bucket.ts, read and written in one step on the Redis server, so
// two instances taking from one bucket at once cannot both take its last token.
const TAKE = `
local per = tonumber(ARGV[2])
local now = tonumber(ARGV[1])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or per
local at = tonumber(saved[2]) or now
tokens = math.min(per, tokens + math.max(0, now - at) * per / 60000)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return taken
`;

/** Token buckets in Redis; a bucket idle for a minute is full again, so its key expires then. */
export function createRedisRateLimiter(redis: Pick<RedisLink, "command">, now: () => number): RateLimiter {
  return {
    async take(key, perMinute) {
      const taken = await redis.command.eval(TAKE, 1, `${REDIS_PREFIX}rate:${key}`, now(), perMinute);
      return Number(taken) === 1;
    },
  };
}
