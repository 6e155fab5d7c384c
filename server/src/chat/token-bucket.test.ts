import { describe, expect, test } from "bun:test";
import { createTokenBuckets } from "./token-bucket";

describe("token buckets", () => {
  test("a full bucket gives its capacity, then refills evenly over the minute, per key", () => {
    let now = 0;
    const buckets = createTokenBuckets({ perMinute: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => buckets.take("a"))).toEqual([true, true, true, false]);
    expect(buckets.take("b")).toBe(true);
    now += 19_000;
    expect(buckets.take("a")).toBe(false);
    now += 1_000;
    expect(buckets.take("a")).toBe(true);
    expect(buckets.take("a")).toBe(false);
  });

  test("a key's own rate overrides the default", () => {
    const buckets = createTokenBuckets({ perMinute: 100, now: () => 0 });
    expect(buckets.take("slow", 1)).toBe(true);
    expect(buckets.take("slow", 1)).toBe(false);
  });
});
