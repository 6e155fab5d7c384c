import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { redisUnavailable, sessionSubscribers, type TestRedis } from "../testing/redis-server";
import type { TestServer } from "../testing/test-server";
import { startTwoInstances, type TwoInstances } from "../testing/two-instances";
import { until } from "../testing/until";
import {
  handshakeStatus,
  isAssistant,
  isError,
  isHistory,
  isUserEcho,
  newSessionId,
  openSocket,
} from "../testing/ws-client";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] two instances on one Redis: ${skip}`);

// Two real servers (each its own SQLite, so each has its own business 1) sharing one Redis: what
// the chat shares across instances, without the shared database of a real deployment.
describe.skipIf(Boolean(skip))("two instances on one Redis", () => {
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  const instancesOf = (sessionKey: string) => sessionSubscribers(redis, sessionKey);

  let instances: TwoInstances;
  beforeAll(async () => {
    instances = await startTwoInstances({
      SUPPORTAL_SESSION_RATE_PER_MINUTE: "2",
      SUPPORTAL_MAX_SOCKETS_PER_IP: "3",
    });
    ({ redis, a, b } = instances);
  });
  afterAll(() => instances.stop());

  test("a second socket of the session on the other instance sees the question and the answer", async () => {
    const session = newSessionId();
    const onA = await openSocket(`${a.wsUrl}/ws/chat/1/${session}`);
    const onB = await openSocket(`${b.wsUrl}/ws/chat/1/${session}`);
    await Promise.all([onA.next(isHistory), onB.next(isHistory)]);
    await until(
      async () => (await instancesOf(`1/${session}`)) === 2,
      "both instances to follow the session",
    );
    onA.send({ type: "user", message: "Do you ship abroad?", clientId: "q1" });
    const [echoA, echoB] = await Promise.all([onA.next(isUserEcho), onB.next(isUserEcho)]);
    expect(echoB).toEqual(echoA);
    const [answerA, answerB] = await Promise.all([onA.next(isAssistant), onB.next(isAssistant)]);
    expect(answerB).toEqual(answerA);
    await onB.close();
    // B has no socket of the session left: it stops following it.
    await until(async () => (await instancesOf(`1/${session}`)) === 1, "B to drop the session");
    await onA.close();
    await until(async () => (await instancesOf(`1/${session}`)) === 0, "A to drop the session");
  });

  test("a session's rate limit used up on one instance holds on the other", async () => {
    const session = newSessionId();
    const onA = await openSocket(`${a.wsUrl}/ws/chat/1/${session}`);
    await onA.next(isHistory);
    for (const message of ["one", "two"]) {
      const from = onA.frames.length;
      onA.send({ type: "user", message });
      await onA.next(isUserEcho, { from });
    }
    const onB = await openSocket(`${b.wsUrl}/ws/chat/1/${session}`);
    await onB.next(isHistory);
    onB.send({ type: "user", message: "three", clientId: "third" });
    const refusal = await onB.next(isError);
    expect(refusal).toMatchObject({ code: "rate_limited", clientId: "third" });
    // Another session is not limited by this one's bucket.
    const other = await openSocket(`${b.wsUrl}/ws/chat/1/${newSessionId()}`);
    await other.next(isHistory);
    other.send({ type: "user", message: "hello" });
    await other.next(isUserEcho);
    await Promise.all([onA.close(), onB.close(), other.close()]);
  });

  test("an address's open sockets are counted across the instances", async () => {
    // The earlier tests' sockets give their places back as they close (asynchronously, in Redis).
    await until(async () => (await placesTaken()) === 0, "earlier places back");
    const sockets = [
      await openSocket(`${a.wsUrl}/ws/chat/1/${newSessionId()}`),
      await openSocket(`${b.wsUrl}/ws/chat/1/${newSessionId()}`),
      await openSocket(`${a.wsUrl}/ws/chat/1/${newSessionId()}`),
    ];
    expect(await handshakeStatus(`${b.wsUrl}/ws/chat/1/${newSessionId()}`)).toBe(429);
    await sockets[0]!.close();
    await until(async () => (await placesTaken()) === 2, "the closed socket's place back");
    const fourth = await openSocket(`${b.wsUrl}/ws/chat/1/${newSessionId()}`);
    await Promise.all([...sockets.slice(1), fourth].map((socket) => socket.close()));
  });

  async function placesTaken() {
    let total = 0;
    for (const key of await redis.client.keys("supportal:sockets:*")) {
      const held = (await redis.client.hvals(key)).map(Number);
      total += held.reduce((sum, n) => sum + n, 0);
    }
    return total;
  }
});
