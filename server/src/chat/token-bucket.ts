/**
 * Token buckets keyed by session or IP: `capacity` tokens, refilled evenly over a minute.
 * Idle buckets are forgotten so memory stays bounded by active clients.
 */
export function createTokenBuckets(options: { perMinute: number; now: () => number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function sweep(now: number) {
    if (buckets.size < 10_000) return;
    for (const [key, bucket] of buckets) if (now - bucket.at > 60_000) buckets.delete(key);
  }

  return {
    /** Takes one token; false when the bucket is empty. `perMinute` overrides the default (a business's own rate). */
    take(key: string, perMinute = options.perMinute): boolean {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
      bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
      bucket.at = now;
      buckets.set(key, bucket);
      sweep(now);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
