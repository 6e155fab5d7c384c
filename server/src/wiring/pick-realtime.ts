import { createMemoryPresence, type Presence } from "../agents/presence";
import { createRedisPresence } from "../agents/redis-presence";
import { type AnswerLocks, createMemoryAnswerLocks } from "../chat/answer-lock";
import { createRedisAnswerLocks } from "../chat/redis-answer-lock";
import { createRedisHub } from "../chat/redis-hub";
import { createMemoryHub, type SessionHub } from "../chat/session-hub";
import type { Config } from "../env";
import { type CapReservations, createMemoryCapReservations } from "../limits/cap-reservations";
import { createMemoryRateLimiter, type RateLimiter } from "../limits/rate-limiter";
import { createRedisCapReservations } from "../limits/redis-cap-reservations";
import { createRedisRateLimiter } from "../limits/redis-rate-limiter";
import { createRedisSocketCaps } from "../limits/redis-socket-caps";
import { createMemorySocketCaps, type SocketCaps } from "../limits/socket-caps";
import { createLocalSignals, type DeploymentSignals, openRedisSignals } from "../redis/deployment-signals";
import { openRedis } from "../redis/redis-link";

/** What instances of one deployment share: sessions' frames, limits, presence. */
export interface Realtime {
  hub: SessionHub;
  presence: Presence;
  rateLimiter: RateLimiter;
  socketCaps: SocketCaps;
  answerLocks: AnswerLocks;
  /** Places in the daily caps held by messages queued behind an answer. */
  capReservations: CapReservations;
  /** Notices to the other instances (a business deleted); nobody to tell for a single one. */
  signals: DeploymentSignals;
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
      capReservations: createMemoryCapReservations(),
      signals: createLocalSignals(),
      close: async () => undefined,
    };
  }
  const redis = await openRedis(config.redisUrl);
  const signals = await openRedisSignals(redis);
  const presence = await createRedisPresence(redis, signals);
  return {
    hub: createRedisHub(redis),
    presence,
    rateLimiter: createRedisRateLimiter(redis, clock),
    socketCaps: createRedisSocketCaps(redis),
    answerLocks: createRedisAnswerLocks(redis),
    capReservations: createRedisCapReservations(redis),
    signals,
    async close() {
      await presence.close();
      await signals.close();
      await redis.close();
    },
  };
}
