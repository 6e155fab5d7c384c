import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ServerFrame } from "@supportal/shared";
import { openRedis, type RedisLink } from "../redis/redis-link";
import {
  redisUnavailable,
  sessionSubscribers,
  startTestRedis,
  type TestRedis,
} from "../testing/redis-server";
import { until as waitUntil } from "../testing/until";
import { createRedisHub } from "./redis-hub";
import type { SessionHub } from "./session-hub";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] Redis hub tests: ${skip}`);

const until = (condition: () => boolean | Promise<boolean>, what: string) =>
  waitUntil(condition, what, { timeoutMs: 5_000, pollMs: 10 });

const recorder = () => {
  const texts: string[] = [];
  return { texts, send: (text: string) => void texts.push(text) };
};

describe.skipIf(Boolean(skip))("the Redis session hub", () => {
  let redis: TestRedis;
  let links: RedisLink[];
  let a: SessionHub;
  let b: SessionHub;
  const subscribers = (key: string) => sessionSubscribers(redis, key);

  beforeAll(async () => {
    redis = await startTestRedis();
    links = await Promise.all([openRedis(redis.url), openRedis(redis.url)]);
    a = createRedisHub(links[0]!);
    b = createRedisHub(links[1]!);
  });
  afterAll(async () => {
    await Promise.all(links.map((link) => link.close()));
    await redis.stop();
  });

  test("every socket of a session gets every frame once, each instance's in order, whichever instance it is on", async () => {
    const key = "1/both";
    const onA = recorder();
    const onB = recorder();
    a.join(key, onA);
    b.join(key, onB);
    await until(async () => (await subscribers(key)) === 2, "both instances to subscribe");
    const frames: ServerFrame[] = [
      { type: "typing", sender: "assistant" },
      { type: "delta", id: "x", delta: "Hel" },
      { type: "delta", id: "x", delta: "lo" },
    ];
    a.publish(key, frames[0]!);
    a.publish(key, frames[1]!);
    b.publish(key, frames[2]!);
    const expected = frames.map((frame) => JSON.stringify(frame));
    await until(() => onA.texts.length === 3 && onB.texts.length === 3, "three frames on each socket");
    // Each socket saw each frame once, and A's two in the order A sent them. (Frames of two
    // instances at the same moment may interleave differently on each socket.)
    for (const texts of [onA.texts, onB.texts]) {
      expect([...texts].sort()).toEqual([...expected].sort());
      expect(texts.indexOf(expected[0]!)).toBeLessThan(texts.indexOf(expected[1]!));
    }
    a.leave(key, onA);
    b.leave(key, onB);
  });

  test("an instance subscribes while it has a socket of the session, and drops it with the last", async () => {
    const key = "1/leaving";
    const first = recorder();
    const second = recorder();
    const onA = recorder();
    b.join(key, first);
    b.join(key, second);
    a.join(key, onA);
    await until(async () => (await subscribers(key)) === 2, "both instances to subscribe");
    expect(b.leave(key, first)).toBe(1);
    expect(b.leave(key, second)).toBe(0);
    // B's last socket went: B asks (after its own unsubscription) and hears A still listening.
    expect(await b.heardElsewhere(key)).toBe(true);
    expect(await subscribers(key)).toBe(1);
    // Frames of a session B no longer serves do not reach B at all (nothing to buffer).
    for (let i = 0; i < 200; i++) a.publish(key, { type: "delta", id: "y", delta: String(i) });
    await Bun.sleep(50);
    expect(first.texts).toEqual([]);
    expect(second.texts).toEqual([]);
    expect(onA.texts).toHaveLength(200);
    expect(a.leave(key, onA)).toBe(0);
    expect(await a.heardElsewhere(key)).toBe(false);
  });

  test("a session with no socket anywhere has no subscription left in Redis", async () => {
    const key = "1/gone";
    const socket = recorder();
    a.join(key, socket);
    await until(async () => (await subscribers(key)) === 1, "the subscription");
    a.leave(key, socket);
    await until(async () => (await subscribers(key)) === 0, "the unsubscription");
    // Joins and leaves faster than Redis answers (a flapping connection) end unsubscribed too.
    for (let round = 0; round < 20; round++) {
      a.join(key, socket);
      if (round % 3 === 0) await Bun.sleep(1);
      a.leave(key, socket);
    }
    expect(await a.heardElsewhere(key)).toBe(false);
    expect(await subscribers(key)).toBe(0);
    const channels = (await redis.client.send("PUBSUB", ["CHANNELS", "supportal:session:*"])) as string[];
    expect(channels).toEqual([]);
  });
});
