import { afterEach, describe, expect, test } from "bun:test";
import { createWorkerPool, PRIORITY, type WorkerPool } from "./worker-pool";
import type { FixtureJob, FixtureOutput } from "./worker-pool-fixture-worker";

const url = new URL("./worker-pool-fixture-worker.ts", import.meta.url);
let pool: WorkerPool<FixtureJob, FixtureOutput>;

function openPool(size: number, jobTimeoutMs = 5_000, reservedForUrgent = 0) {
  pool = createWorkerPool<FixtureJob, FixtureOutput>({
    url,
    size,
    name: "fixture",
    jobTimeoutMs,
    reservedForUrgent,
    toError: (reason) => new Error(`fixture pool: ${reason}`),
  });
  return pool;
}

afterEach(() => pool.close());

describe("createWorkerPool", () => {
  test("runs jobs on up to `size` workers and answers each job with its own result", async () => {
    openPool(2);
    const outputs = await Promise.all(
      ["a", "b", "c", "d"].map((value) => pool.run({ kind: "echo", value, ms: 30 })),
    );
    expect(outputs.map((output) => output.value)).toEqual(["a", "b", "c", "d"]);
    expect(new Set(outputs.map((output) => output.threadId)).size).toBe(2);
  });

  test("warm starts the workers ahead of the jobs; warming twice is harmless", async () => {
    openPool(2);
    pool.warm();
    pool.warm();
    const outputs = await Promise.all(["a", "b"].map((value) => pool.run({ kind: "echo", value, ms: 30 })));
    expect(new Set(outputs.map((output) => output.threadId)).size).toBe(2);
  });

  test("an urgent job goes ahead of queued ordinary jobs", async () => {
    openPool(1);
    const finished: string[] = [];
    const track = (value: string, urgent = false) =>
      pool.run({ kind: "echo", value, ms: 20 }, { urgent }).then(() => finished.push(value));
    await Promise.all([track("bulk-1"), track("bulk-2"), track("bulk-3"), track("query", true)]);
    // bulk-1 was already running; the query overtakes the rest.
    expect(finished).toEqual(["bulk-1", "query", "bulk-2", "bulk-3"]);
  });

  test("the first priority goes ahead of urgent jobs, which go ahead of ordinary ones", async () => {
    openPool(1);
    const finished: string[] = [];
    const track = (value: string, priority?: (typeof PRIORITY)[keyof typeof PRIORITY]) =>
      pool.run({ kind: "echo", value, ms: 20 }, { priority }).then(() => finished.push(value));
    await Promise.all([
      track("bulk-1"),
      track("bulk-2"),
      track("answer", PRIORITY.urgent),
      track("query", PRIORITY.first),
    ]);
    expect(finished).toEqual(["bulk-1", "query", "answer", "bulk-2"]);
  });

  test("with no urgent job about, ordinary jobs use every worker, reserved or not", async () => {
    openPool(2, 5_000, 1);
    const outputs = await Promise.all(
      ["a", "b", "c", "d"].map((value) => pool.run({ kind: "echo", value, ms: 30 })),
    );
    expect(new Set(outputs.map((output) => output.threadId)).size).toBe(2);
  });

  test("while customers are about, ordinary jobs keep off the reserved worker; an urgent job takes it", async () => {
    openPool(2, 5_000, 1);
    pool.warm();
    // A customer's job a moment ago: the reserve holds.
    await pool.run({ kind: "echo", value: "earlier query" }, { priority: PRIORITY.first });
    const finished: string[] = [];
    const bulk = ["bulk-1", "bulk-2", "bulk-3"].map((value) =>
      pool.run({ kind: "echo", value, ms: 400 }).then((output) => {
        finished.push(value);
        return output;
      }),
    );
    const query = await pool.run({ kind: "echo", value: "query" }, { priority: PRIORITY.first });
    finished.push("query");
    const outputs = await Promise.all(bulk);
    // One worker for all the bulk jobs, one after another; the query had the other one to itself.
    expect(new Set(outputs.map((output) => output.threadId)).size).toBe(1);
    expect(query.threadId).not.toBe(outputs[0]!.threadId);
    expect(finished).toEqual(["query", "bulk-1", "bulk-2", "bulk-3"]);
  });

  test("a lazy job's input is made when a worker takes it, not when it is queued", async () => {
    openPool(1);
    const made: string[] = [];
    let latest = "at queueing";
    const busy = pool.run({ kind: "echo", value: "busy", ms: 50 });
    const lazy = pool.runLazy(() => {
      made.push(latest);
      return { kind: "echo", value: latest };
    });
    latest = "while the worker was busy";
    expect(made).toEqual([]);
    await busy;
    expect((await lazy).value).toBe("while the worker was busy");
    expect(made).toEqual(["while the worker was busy"]);
  });

  test("an error thrown by a job rejects that job only", async () => {
    openPool(1);
    await expect(pool.run({ kind: "throw", message: "bad input" })).rejects.toThrow(
      "fixture pool: bad input",
    );
    expect((await pool.run({ kind: "echo", value: "still fine" })).value).toBe("still fine");
  });

  test("a crashed or exited worker fails its job and is replaced", async () => {
    openPool(1);
    await expect(pool.run({ kind: "crash" })).rejects.toThrow("fixture pool:");
    await expect(pool.run({ kind: "exit" })).rejects.toThrow("fixture pool:");
    expect((await pool.run({ kind: "echo", value: "after" })).value).toBe("after");
  });

  test("a job that overruns its time limit fails, and its worker is replaced", async () => {
    openPool(1, 200);
    await expect(pool.run({ kind: "echo", value: "stuck", ms: 5_000 })).rejects.toThrow("longer than 200 ms");
    expect((await pool.run({ kind: "echo", value: "next" })).value).toBe("next");
  });

  test("close() rejects running and queued jobs, and later ones", async () => {
    openPool(1);
    const running = pool.run({ kind: "echo", value: "slow", ms: 5_000 });
    const queued = pool.run({ kind: "echo", value: "queued" });
    await Bun.sleep(20);
    await pool.close();
    await expect(running).rejects.toThrow("closed");
    await expect(queued).rejects.toThrow("closed");
    await expect(pool.run({ kind: "echo", value: "late" })).rejects.toThrow("closed");
  });
});
