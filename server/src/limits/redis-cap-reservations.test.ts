import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { instanceKey, openRedis, type RedisLink } from "../redis/redis-link";
import { redisUnavailable, startTestRedis, type TestRedis } from "../testing/redis-server";
import { until } from "../testing/until";
import { createRedisCapReservations } from "./redis-cap-reservations";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] daily cap places through Redis: ${skip}`);

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

  test("places held on one instance count on the other, per key and business; a release gives one back once", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    const first = await onA.hold(7, ["business", "s:tabs"]);
    await onA.hold(7, ["business", "s:tabs"]);
    expect((await onB.hold(7, ["business", "s:tabs"])).held).toEqual([3, 3]);
    // Another session of the business shares only the business's count; another business nothing.
    expect((await onB.hold(7, ["business", "s:other"])).held).toEqual([4, 1]);
    expect((await onB.hold(8, ["business", "s:tabs"])).held).toEqual([1, 1]);
    first.release();
    first.release(); // a second call gives back nothing more
    // The release goes out on A's connection, the hold on B's: B counts it once it has arrived.
    const probe = async () => {
      const taken = await onB.hold(7, ["s:tabs"]);
      taken.release();
      return taken.held[0];
    };
    await until(async () => (await probe()) === 3, "A's place to come back");
    expect(await probe()).toBe(3);
  });

  test("concurrent messages on two instances each see all the places held before theirs", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).hold(9, ["business"])),
    );
    // One step each: no two messages saw the same count, so a cap of N admits exactly N of them.
    expect(burst.map((taken) => taken.held[0]).sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  test("a crashed instance's places stop counting once its heartbeat is gone", async () => {
    const onA = createRedisCapReservations(a);
    const onB = createRedisCapReservations(b);
    await onA.hold(11, ["business"]);
    await onA.hold(11, ["business"]);
    expect((await onB.hold(11, ["business"])).held).toEqual([3]);
    await redis.client.del(instanceKey(a.instanceId));
    expect((await onB.hold(11, ["business"])).held).toEqual([2]);
  });
});
