import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createRedisAnswerLocks } from "../chat/redis-answer-lock";
import { instanceKey, openRedis, type RedisLink } from "../redis/redis-link";
import { redisUnavailable, startTestRedis, type TestRedis } from "../testing/redis-server";
import { createRedisRateLimiter } from "./redis-rate-limiter";
import { createRedisSocketCaps } from "./redis-socket-caps";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] Redis limit tests: ${skip}`);

describe.skipIf(Boolean(skip))("limits shared through Redis by two instances", () => {
  let redis: TestRedis;
  let a: RedisLink;
  let b: RedisLink;
  beforeAll(async () => {
    redis = await startTestRedis();
    [a, b] = await Promise.all([openRedis(redis.url), openRedis(redis.url)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
  });

  test("a token bucket emptied on one instance is empty on the other, and refills by the clock", async () => {
    let now = 1_000_000;
    const onA = createRedisRateLimiter(a, () => now);
    const onB = createRedisRateLimiter(b, () => now);
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await onA.take("session:1/s", 3));
    expect(taken).toEqual([true, true, true]);
    expect(await onB.take("session:1/s", 3)).toBe(false);
    expect(await onB.take("session:1/other", 3)).toBe(true);
    now += 20_000; // a third of a minute: one token of three back
    expect(await onB.take("session:1/s", 3)).toBe(true);
    expect(await onA.take("session:1/s", 3)).toBe(false);
  });

  test("concurrent takes from two instances never give more than the bucket holds", async () => {
    const onA = createRedisRateLimiter(a, () => 5_000_000);
    const onB = createRedisRateLimiter(b, () => 5_000_000);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? onA : onB).take("ip:203.0.113.9", 10)),
    );
    expect(results.filter(Boolean)).toHaveLength(10);
  });

  test("an address's socket places are counted across instances; a crashed instance's come back", async () => {
    const capsA = createRedisSocketCaps(a);
    const capsB = createRedisSocketCaps(b);
    const ip = "198.51.100.7";
    expect(await capsA.admit(ip, 3)).toBe(true);
    expect(await capsA.admit(ip, 3)).toBe(true);
    expect(await capsB.admit(ip, 3)).toBe(true);
    expect(await capsB.admit(ip, 3)).toBe(false);
    expect(await capsA.admit(ip, 3)).toBe(false);
    await capsB.release(ip);
    expect(await capsA.admit(ip, 3)).toBe(true);
    // A dies without releasing: once its heartbeat key is gone, its three places stop counting.
    await redis.client.del(instanceKey(a.instanceId));
    expect(await capsB.admit(ip, 3)).toBe(true);
    expect(await capsB.admit(ip, 3)).toBe(true);
    expect(await capsB.admit(ip, 3)).toBe(true);
    expect(await capsB.admit(ip, 3)).toBe(false);
  });

  test("one answer at a time per session: the other instance waits for the release", async () => {
    const locksA = createRedisAnswerLocks(a);
    const locksB = createRedisAnswerLocks(b);
    const releaseA = await locksA.acquire("1/session", new AbortController().signal);
    expect(releaseA).not.toBeNull();
    let bHolds = false;
    const waiting = locksB.acquire("1/session", new AbortController().signal).then((release) => {
      bHolds = true;
      return release;
    });
    await Bun.sleep(300);
    expect(bHolds).toBe(false);
    releaseA!();
    const releaseB = await waiting;
    expect(bHolds).toBe(true);
    // Another session is not held up by this one.
    const other = await locksA.acquire("1/another", new AbortController().signal);
    other!();
    // A wait given up (the visitor left) resolves null and takes nothing.
    const leave = new AbortController();
    const given = locksA.acquire("1/session", leave.signal);
    leave.abort();
    expect(await given).toBeNull();
    releaseB!();
    const again = await locksA.acquire("1/session", new AbortController().signal);
    expect(again).not.toBeNull();
    again!();
  });
});
