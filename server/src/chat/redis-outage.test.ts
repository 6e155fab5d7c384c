import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { redisUnavailable, sessionSubscribers, type TestRedis } from "../testing/redis-server";
import type { TestServer } from "../testing/test-server";
import { startTwoInstances, type TwoInstances } from "../testing/two-instances";
import { until as waitUntil } from "../testing/until";
import { isError, isHistory, isUserEcho, newSessionId, openSocket } from "../testing/ws-client";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] Redis outage: ${skip}`);

const until = (condition: () => Promise<boolean>, what: string) =>
  waitUntil(condition, what, { timeoutMs: 20_000, pollMs: 50 });

describe.skipIf(Boolean(skip))("when Redis goes away and comes back", () => {
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  let instances: TwoInstances;
  beforeAll(async () => {
    instances = await startTwoInstances();
    ({ redis, a, b } = instances);
  });
  afterAll(() => instances.stop());

  test("a message during the outage gets an error frame at once; after it, sessions span instances again", async () => {
    const session = newSessionId();
    const onA = await openSocket(`${a.wsUrl}/ws/chat/1/${session}`);
    const onB = await openSocket(`${b.wsUrl}/ws/chat/1/${session}`);
    await Promise.all([onA.next(isHistory), onB.next(isHistory)]);
    await redis.kill();
    onA.send({ type: "user", message: "Anyone there?" });
    // The shared rate limit cannot be read: an error frame, not silence until Redis is back.
    expect((await onA.next(isError, { timeoutMs: 5_000 })).code).toBe("internal_error");
    await redis.start();
    const instances = () => sessionSubscribers(redis, `1/${session}`);
    // Both instances reconnect and take the session's subscription again by themselves.
    await until(async () => (await instances().catch(() => 0)) === 2, "both instances to subscribe again");
    const from = onB.frames.length;
    onA.send({ type: "user", message: "Back again?" });
    const echo = await onB.next(isUserEcho, { from });
    expect(echo.message).toBe("Back again?");
    await Promise.all([onA.close(), onB.close()]);
  });
});
