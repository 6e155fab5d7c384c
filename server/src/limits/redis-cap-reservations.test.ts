import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { instanceKey, openRedis, type RedisLink } from "../redis/redis-link";
import { redisUnavailable, startTestRedis, type TestRedis } from "../testing/redis-server";
import { until } from "../testing/until";
import type { CapPlace, Reservation } from "./cap-reservations";
import { createRedisCapReservations } from "./redis-cap-reservations";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] daily cap places through Redis: ${skip}`);

const release = (taken: Reservation) => ("release" in taken ? taken.release : () => undefined);

describe.skipIf(Boolean(skip))("queued messages' places in the daily caps, shared through Redis", () => {
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

  // A session that has stored 1 message of its 4, within a business that has stored 10 of 100.
  const places = (session: string): CapPlace[] => [
    { key: "business", used: 10, limit: 100 },
    { key: `s:${session}`, used: 1, limit: 4 },
  ];

  test("places held on one instance count on the other; a full cap is named and takes nothing", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    const first = await onA.take(7, places("tabs"));
    const second = await onA.take(7, places("tabs"));
    expect(await onB.take(7, places("tabs"))).toHaveProperty("release");
    // 1 stored + 3 held: the session's share is full, wherever the next message comes in.
    expect(await onB.take(7, places("tabs"))).toEqual({ full: 1 });
    expect(await onA.take(7, places("tabs"))).toEqual({ full: 1 });
    // Another session of the business is not held up, nor the same session id of another business.
    expect(await onB.take(7, places("other"))).toHaveProperty("release");
    expect(await onB.take(8, places("tabs"))).toHaveProperty("release");
    release(first)();
    release(first)(); // a second call gives back nothing more
    // The release goes out on A's connection, the take on B's: B sees the place free once it has arrived.
    await until(async () => "release" in (await onB.take(7, places("tabs"))), "A's place to come back");
    expect(await onB.take(7, places("tabs"))).toEqual({ full: 1 });
    release(second)();
  });

  test("concurrent messages on two instances never hold more places than the cap has left", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? onA : onB).take(9, [{ key: "business", used: 95, limit: 100 }]),
      ),
    );
    expect(burst.filter((taken) => "release" in taken)).toHaveLength(5);
  });

  test("a crashed instance's places stop counting once its heartbeat is gone", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    const cap = [{ key: "business", used: 0, limit: 2 }];
    await onA.take(11, cap);
    await onA.take(11, cap);
    expect(await onB.take(11, cap)).toEqual({ full: 0 });
    await redis.client.del(instanceKey(a.instanceId));
    expect(await onB.take(11, cap)).toHaveProperty("release");
  });
});
