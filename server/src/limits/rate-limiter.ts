import { createTokenBuckets } from "../chat/token-bucket";

/** Messages per minute per key (a session, a client address), shared by every instance that shares it. */
export interface RateLimiter {
  /** Takes one message's token from the key's bucket of `perMinute`; false when it is empty. */
  take(key: string, perMinute: number): Promise<boolean>;
}

/** Token buckets in this process. */
export function createMemoryRateLimiter(now: () => number): RateLimiter {
  const buckets = createTokenBuckets({ perMinute: 1, now });
  return { take: async (key, perMinute) => buckets.take(key, perMinute) };
}
