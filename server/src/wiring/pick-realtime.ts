import { createMemoryPresence, type Presence } from "../agents/presence";
import { type AnswerLocks, createMemoryAnswerLocks } from "../chat/answer-lock";
import { createRedisAnswerLocks } from "../chat/redis-answer-lock";
import { createRedisHub } from "../chat/redis-hub";
import { createMemoryHub, type SessionHub } from "../chat/session-hub";
import type { Config } from "../env";
import { createMemoryRateLimiter, type RateLimiter } from "../limits/rate-limiter";
import { createRedisRateLimiter } from "../limits/redis-rate-limiter";
import { createRedisSocketCaps } from "../limits/redis-socket-caps";
import { createMemorySocketCaps, type SocketCaps } from "../limits/socket-caps";
import { openRedis } from "../redis/redis-link";

/** What instances of one deployment share: sessions' frames, limits, presence. */
export interface Realtime {
  hub: SessionHub;
  presence: Presence;
  rateLimiter: RateLimiter;
  socketCaps: SocketCaps;
  answerLocks: AnswerLocks;
  close(): Promise<void>;
}

/** In this process by default; through Redis with SUPPORTAL_REDIS_URL, for several instances. */
export async function pickRealtime(config: Pick<Config, "redisUrl">, now: () => Date): Promise<Realtime> {
  const clock = () => now().getTime();
  if (!config.redisUrl) {
    return {
      hub: createMemoryHub(),
      presence: createMemoryPresence(),
      rateLimiter: createMemoryRateLimiter(clock),
      socketCaps: createMemorySocketCaps(),
      answerLocks: createMemoryAnswerLocks(),
      close: async () => undefined,
    };
  }
  const redis = await openRedis(config.redisUrl);
  return {
    hub: createRedisHub(redis),
    // Not shared yet: an agent is seen online by the instance its inbox is connected to.
    presence: createMemoryPresence(),
    rateLimiter: createRedisRateLimiter(redis, clock),
    socketCaps: createRedisSocketCaps(redis),
    answerLocks: createRedisAnswerLocks(redis),
    close: () => redis.close(),
  };
}
