import type { JobReply, JobRequest } from "./worker-job-protocol";

/**
 * How long after a customer's job the reserved workers stay kept for customers: a visitor asks again
 * within seconds, and a batch of ingestion costs about a second (offline-embedder.ts).
 */
const DEFAULT_RESERVE_WINDOW_MS = 30_000;

/** Queue order: a lower level goes first; within a level, first come first served. */
export const PRIORITY = { first: 0, urgent: 1, ordinary: 2 } as const;
export type PriorityLevel = (typeof PRIORITY)[keyof typeof PRIORITY];

export interface RunOptions {
  /** `urgent: true` is `priority: PRIORITY.urgent`; the default is `PRIORITY.ordinary`. */
  urgent?: boolean;
  priority?: PriorityLevel;
  transfer?: Transferable[];
}

export interface WorkerPool<Input, Output> {
  /** Runs one job on the first free worker; jobs of a higher priority go ahead of queued lower ones. */
  run(input: Input, options?: RunOptions): Promise<Output>;
  /**
   * Like `run`, but the input is made only when a worker takes the job, so that work arriving while
   * every worker is busy can still join it (micro-batching).
   */
  runLazy(makeInput: () => Input, options?: RunOptions): Promise<Output>;
  /** Starts every worker now instead of on demand, so their start-up overlaps the caller's own work. */
  warm(): void;
  /** Terminates the workers; queued and running jobs reject, and so does any later `run`. */
  close(): Promise<void>;
}

interface Task<Input, Output> {
  id: number;
  level: PriorityLevel;
  makeInput: () => Input;
  transfer: Transferable[];
  resolve(output: Output): void;
  reject(error: Error): void;
}

/** Bun's workers can stop holding the process open; the DOM lib this repo compiles with omits it. */
type BunWorker = Worker & { ref(): void; unref(): void };

interface Slot<Input, Output> {
  worker: BunWorker;
  task: Task<Input, Output> | null;
  watchdog?: ReturnType<typeof setTimeout>;
}

/**
 * A few workers running `serveJobs` from `url`, started only when jobs arrive (an idle server
 * never pays for them). Each worker holds one job at a time, so an urgent job waits for at most one
 * running job, never for a queue. A worker that crashes, or takes longer than `jobTimeoutMs` over one
 * job, fails that job and is replaced on demand: no call is left hanging.
 */
export function createWorkerPool<Input, Output>(options: {
  url: URL;
  size: number;
  name: string;
  /** Turns a worker's failure text into the error callers see. */
  toError: (reason: string) => Error;
  jobTimeoutMs: number;
  /**
   * Workers ordinary jobs may not all take while urgent or first jobs keep coming (one within
   * `reserveWindowMs`): kept for them, so that a customer's query starts at once instead of waiting
   * for a running batch of a document's ingestion. With no customer about, ordinary jobs use all.
   */
  reservedForUrgent?: number;
  reserveWindowMs?: number;
}): WorkerPool<Input, Output> {
  // One queue per priority level, most urgent first.
  const queues: Task<Input, Output>[][] = Object.values(PRIORITY).map(() => []);
  const reserveWindowMs = options.reserveWindowMs ?? DEFAULT_RESERVE_WINDOW_MS;
  let lastUrgentAt = Number.NEGATIVE_INFINITY;
  const ordinaryLimit = () =>
    performance.now() - lastUrgentAt < reserveWindowMs
      ? Math.max(1, options.size - (options.reservedForUrgent ?? 0))
      : options.size;
  const ordinaryRunning = () => slots.filter((slot) => slot.task?.level === PRIORITY.ordinary).length;
  /** The most urgent queue with a job that may start now. */
  const runnable = () =>
    queues.find(
      (queue, level) =>
        queue.length > 0 && (level !== PRIORITY.ordinary || ordinaryRunning() < ordinaryLimit()),
    );
  const slots: Slot<Input, Output>[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot<Input, Output>): Task<Input, Output> | null {
    const task = slot.task;
    slot.task = null;
    clearTimeout(slot.watchdog);
    // An idle worker must not keep the process alive; a busy one must, or a pending job could be dropped.
    slot.worker.unref();
    return task;
  }

  function retire(slot: Slot<Input, Output>, reason: string): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    slot.worker.terminate();
    finish(slot)?.reject(options.toError(reason));
    dispatch();
  }

  function spawn(): Slot<Input, Output> {
    const worker = new Worker(options.url, { name: `${options.name}-${slots.length + 1}` }) as BunWorker;
    const slot: Slot<Input, Output> = { worker, task: null };
    worker.onmessage = (event: MessageEvent<JobReply<Output>>) => {
      const reply = event.data;
      if (slot.task?.id !== reply.id) return;
      const task = finish(slot)!;
      if ("error" in reply) task.reject(options.toError(reply.error));
      else task.resolve(reply.output);
      dispatch();
    };
    worker.onerror = (event) => retire(slot, event.message || "the worker failed");
    worker.onmessageerror = () => retire(slot, "the worker sent an unreadable reply");
    worker.addEventListener("close", () => retire(slot, "the worker exited"));
    slots.push(slot);
    return slot;
  }

  function dispatch(): void {
    for (let queue = runnable(); !closed && queue; queue = runnable()) {
      const slot =
        slots.find((candidate) => candidate.task === null) ?? (slots.length < options.size ? spawn() : null);
      if (!slot) return;
      const task = queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.watchdog = setTimeout(
        () => retire(slot, `it took longer than ${options.jobTimeoutMs} ms`),
        options.jobTimeoutMs,
      );
      try {
        const request: JobRequest<Input> = { id: task.id, input: task.makeInput() };
        slot.worker.postMessage(request, task.transfer);
      } catch (error) {
        finish(slot);
        task.reject(options.toError(error instanceof Error ? error.message : String(error)));
      }
    }
  }

  function enqueue(makeInput: () => Input, runOptions: RunOptions): Promise<Output> {
    if (closed) return Promise.reject(options.toError("it has been closed"));
    const level = runOptions.priority ?? (runOptions.urgent ? PRIORITY.urgent : PRIORITY.ordinary);
    if (level !== PRIORITY.ordinary) lastUrgentAt = performance.now();
    return new Promise<Output>((resolve, reject) => {
      const task = { id: nextId++, level, makeInput, transfer: runOptions.transfer ?? [], resolve, reject };
      queues[level]!.push(task);
      dispatch();
    });
  }

  return {
    run: (input, runOptions = {}) => enqueue(() => input, runOptions),
    runLazy: (makeInput, runOptions = {}) => enqueue(makeInput, runOptions),
    warm() {
      while (!closed && slots.length < options.size) spawn().worker.unref();
    },
    async close() {
      closed = true;
      const dropped = queues.flatMap((queue) => queue.splice(0));
      for (const slot of slots.splice(0)) {
        slot.worker.terminate();
        const task = finish(slot);
        if (task) dropped.push(task);
      }
      for (const task of dropped) task.reject(options.toError("it has been closed"));
    },
  };
}
