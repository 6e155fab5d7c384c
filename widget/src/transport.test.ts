import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Frame } from "./frames";
import { FakeSocket } from "./testing/fake-socket";
import { connect, type TransportOptions } from "./transport";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(options: TransportOptions = {}) {
  const frames: Frame[] = [];
  let downs = 0;
  const transport = connect(
    "ws://server/ws/chat/1/abcdefghijklmnopqrstuv",
    { frame: (frame) => frames.push(frame), down: () => downs++ },
    { createSocket: FakeSocket.create, baseDelay: 5, maxDelay: 40, random: () => 0.5, ...options },
  );
  return { transport, frames, downs: () => downs };
}

beforeEach(() => {
  FakeSocket.created = [];
});
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("transport", () => {
  test("opens the socket at once and forwards valid frames only", () => {
    const { transport, frames } = start();
    cleanup = transport.close;
    const socket = FakeSocket.last();
    expect(socket.url).toBe("ws://server/ws/chat/1/abcdefghijklmnopqrstuv");
    socket.accept();
    socket.receive({ type: "history", messages: [] });
    socket.receive("{broken json");
    socket.receive({ type: "delta", id: 5, delta: "x" });
    socket.receive({ type: "made_up" });
    socket.receive({ type: "pong" });
    expect(frames).toEqual([{ type: "history", messages: [] }, { type: "pong" }]);
  });

  test("send reports whether the frame went out", () => {
    const { transport } = start();
    cleanup = transport.close;
    const socket = FakeSocket.last();
    expect(transport.send({ type: "user", message: "early", clientId: "c1" })).toBe(false);
    socket.accept();
    expect(transport.send({ type: "user", message: "hi", clientId: "c2" })).toBe(true);
    expect(socket.frames()).toEqual([{ type: "user", message: "hi", clientId: "c2" }]);
  });

  test("reconnects after a drop, with growing delays", async () => {
    const { transport, downs } = start({ baseDelay: 20, maxDelay: 1000 });
    cleanup = transport.close;
    FakeSocket.last().drop();
    expect(downs()).toBe(1);
    expect(FakeSocket.created).toHaveLength(1);
    await tick(25); // first retry after 20 ms * (0.5 + 0.5/2) = 15 ms
    expect(FakeSocket.created).toHaveLength(2);
    FakeSocket.last().drop();
    await tick(20); // second retry waits 30 ms
    expect(FakeSocket.created).toHaveLength(2);
    await tick(25);
    expect(FakeSocket.created).toHaveLength(3);
  });

  test("jitter keeps each delay between half and all of the backoff, capped", async () => {
    const delays: number[] = [];
    let recording = false;
    const realSetTimeout = globalThis.setTimeout;
    const spy = ((fn: () => void, ms?: number) => {
      if (recording) delays.push(ms ?? 0);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout;
    globalThis.setTimeout = spy;
    try {
      let random = 0;
      const { transport } = start({ baseDelay: 100, maxDelay: 400, random: () => random });
      cleanup = transport.close;
      for (const r of [0, 0.999, 0, 0.999, 0.5]) {
        random = r;
        recording = true;
        FakeSocket.last().drop();
        recording = false;
        await tick(1);
      }
      expect(delays).toEqual([50, 100 * 2 * 0.9995, 200, 400 * 0.9995, 400 * 0.75]);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });

  test("a frame from the server resets the backoff", async () => {
    const { transport } = start({ baseDelay: 10 });
    cleanup = transport.close;
    FakeSocket.last().drop();
    await tick(12);
    FakeSocket.last().drop();
    await tick(18);
    const socket = FakeSocket.last();
    socket.accept();
    socket.receive({ type: "history", messages: [] });
    socket.drop();
    await tick(10); // back to the first delay (7.5 ms), not the third (30 ms)
    expect(FakeSocket.created).toHaveLength(4);
  });

  test("a socket that cannot even be created is retried too", async () => {
    let attempts = 0;
    const { transport, downs } = start({
      createSocket: (url) => {
        if (++attempts === 1) throw new SyntaxError("bad url");
        return FakeSocket.create(url);
      },
    });
    cleanup = transport.close;
    expect(downs()).toBe(1);
    await tick(10);
    expect(FakeSocket.created).toHaveLength(1);
  });

  test("retryNow skips the wait; close stops everything", async () => {
    const { transport } = start({ baseDelay: 10_000 });
    FakeSocket.last().drop();
    transport.retryNow();
    expect(FakeSocket.created).toHaveLength(2);
    transport.close();
    expect(FakeSocket.last().closed).toBe(true);
    FakeSocket.last().drop();
    transport.retryNow();
    await tick(5);
    expect(FakeSocket.created).toHaveLength(2);
  });

  test("pings while open and gives up on a silent socket", async () => {
    const { transport, downs } = start({ pingInterval: 10 });
    cleanup = transport.close;
    const socket = FakeSocket.last();
    socket.accept();
    await tick(15);
    expect(socket.frames()).toContainEqual({ type: "ping" });
    // No frame for two intervals: treated as dead, closed and retried.
    await tick(30);
    expect(socket.closed).toBe(true);
    expect(downs()).toBeGreaterThanOrEqual(1);
  });
});
