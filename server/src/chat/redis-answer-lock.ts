import { REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import type { AnswerLocks } from "./answer-lock";

// A lock left by a crashed instance frees itself after the lease; a running answer renews it.
const LOCK_LEASE_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
// How often an instance waiting for another's answer to finish asks again.
const RETRY_MS = 100;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A lease per session in Redis (SET NX PX), held by the instance whose answer is running. */
export function createRedisAnswerLocks(redis: Pick<RedisLink, "command" | "instanceId">): AnswerLocks {
  const report = (what: string) => (error: unknown) =>
    console.error(`[supportal] redis answer lock ${what} failed`, error);
  return {
    async acquire(sessionKey, signal) {
      const key = `${REDIS_PREFIX}answering:${sessionKey}`;
      const owner = `${redis.instanceId}:${crypto.randomUUID()}`;
      while (!signal.aborted) {
        const set = await redis.command.send("SET", [key, owner, "NX", "PX", String(LOCK_LEASE_MS)]);
        if (set === "OK") {
          const renew = setInterval(() => {
            void redis.command.eval(RENEW, 1, key, owner, LOCK_LEASE_MS).catch(report("renewal"));
          }, RENEW_EVERY_MS);
          return () => {
            clearInterval(renew);
            void redis.command.eval(RELEASE, 1, key, owner).catch(report("release"));
          };
        }
        await Bun.sleep(RETRY_MS);
      }
      return null;
    },
  };
}
