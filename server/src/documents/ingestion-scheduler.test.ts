import { expect, test } from "bun:test";
import { createIngestionScheduler, type IngestionJob, type IngestionTurn } from "./ingestion-scheduler";

/** Documents as `id → [business, steps]`; each step logs `id:step`. */
function scheduler(documents: Record<number, [business: number, steps: number]>) {
  const log: string[] = [];
  const runs = new Map<number, number>();
  let onStep: (entry: string) => void = () => undefined;
  async function* job(documentId: number, turn: IngestionTurn): IngestionJob {
    const [, steps] = documents[documentId]!;
    runs.set(documentId, (runs.get(documentId) ?? 0) + 1);
    try {
      for (let step = 1; step <= steps; step++) {
        await Bun.sleep(1);
        const entry = `${documentId}:${step}`;
        log.push(entry);
        onStep(entry);
        if (step < steps) yield;
      }
      if (documentId < 0 && runs.get(documentId) === 1) return "retry";
    } finally {
      if (turn.signal.aborted) log.push(`${documentId}:released`);
    }
  }
  const queue = createIngestionScheduler({ run: job });
  const enqueue = (documentId: number) => queue.enqueue(documentId, documents[documentId]![0]);
  return { queue, enqueue, log, runs, onStep: (fn: (entry: string) => void) => (onStep = fn) };
}

test("a small document of one business waits for one step of another's big one, not for all of it", async () => {
  const s = scheduler({ 1: [10, 12], 2: [20, 1] });
  s.onStep((entry) => {
    if (entry === "1:1") s.enqueue(2);
  });
  s.enqueue(1);
  await s.queue.idle();
  // Queued during 1's first step, it runs right after that step; one first-in-first-out line would
  // run it after 1:12.
  expect(s.log.indexOf("2:1")).toBe(s.log.indexOf("1:1") + 1);
  expect(s.log.filter((entry) => entry.startsWith("1:"))).toHaveLength(12);
});

test("businesses take turns step by step; within a business, documents keep their order", async () => {
  const s = scheduler({ 1: [10, 2], 2: [10, 2], 3: [20, 3] });
  s.enqueue(1);
  s.enqueue(2);
  s.enqueue(3);
  await s.queue.idle();
  expect(s.log).toEqual(["1:1", "3:1", "1:2", "3:2", "2:1", "3:3", "2:2"]);
});

test("a job that asks for a retry runs again behind the other work", async () => {
  const s = scheduler({ [-1]: [10, 1], 2: [10, 1], 3: [20, 1] });
  s.enqueue(-1);
  s.enqueue(2);
  s.enqueue(3);
  await s.queue.idle();
  expect(s.log).toEqual(["-1:1", "3:1", "2:1", "-1:1"]);
  expect(s.runs.get(-1)).toBe(2);
});

test("stop aborts the turn and lets a job paused between steps clean up", async () => {
  const s = scheduler({ 1: [10, 50], 2: [20, 50] });
  let stopped: Promise<void> | undefined;
  s.onStep((entry) => {
    if (entry === "2:2") stopped = s.queue.stop();
  });
  s.enqueue(1);
  s.enqueue(2);
  while (!stopped) await Bun.sleep(1);
  await stopped;
  expect(s.log).toContain("1:released");
  expect(s.log.filter((entry) => /:\d+$/.test(entry)).length).toBeLessThan(10);
  s.enqueue(1);
  await s.queue.idle();
  expect(s.runs.get(1)).toBe(1);
});
