/** Runs ingestion jobs in the background, a bounded number at a time, each id at most once in line. */
export interface IngestionQueue {
  enqueue(documentId: number): void;
  /** Resolves when nothing is queued or running (tests and shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createIngestionQueue(options: {
  concurrency: number;
  run: (documentId: number) => Promise<void>;
}): IngestionQueue {
  const waiting: number[] = [];
  const queued = new Set<number>();
  let running = 0;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  function settleIdle() {
    if (running > 0 || waiting.length > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  }

  function pump() {
    while (!stopped && running < options.concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      queued.delete(id);
      running++;
      options
        .run(id)
        .catch((error) => console.error(`[supportal] ingestion job ${id} crashed`, error))
        .finally(() => {
          running--;
          pump();
          settleIdle();
        });
    }
  }

  return {
    enqueue(documentId) {
      if (stopped || queued.has(documentId)) return;
      queued.add(documentId);
      waiting.push(documentId);
      pump();
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async stop() {
      stopped = true;
      waiting.length = 0;
      queued.clear();
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
