/**
 * Token buckets keyed by session or IP: `capacity` tokens, refilled evenly over a minute.
 * Idle buckets are forgotten so memory stays bounded by active clients.
 */
export function createTokenBuckets(options: { perMinute: number; now: () => number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = options.perMinute / 60_000;

  function sweep(now: number) {
    if (buckets.size < 10_000) return;
    for (const [key, bucket] of buckets) if (now - bucket.at > 60_000) buckets.delete(key);
  }

  return {
    /** Takes one token; false when the bucket is empty. */
    take(key: string): boolean {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.perMinute, at: now };
      bucket.tokens = Math.min(options.perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.set(key, bucket);
      sweep(now);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
