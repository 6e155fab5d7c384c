/** Runs ingestion jobs in the background, each id at most once in line. */
export interface IngestionQueue {
  /** Queues a document in its business's line. */
  enqueue(documentId: number, businessId: number): void;
  /** Resolves when nothing is queued or running (tests and shutdown). */
  idle(): Promise<void>;
  /** Aborts the running step, lets every started job clean up, and takes no more work. */
  stop(): Promise<void>;
}

/** What a job may ask the scheduler while it runs one step. */
export interface IngestionTurn {
  /** Another business has work waiting: start no work ahead of this step's own. */
  contended(): boolean;
  /** Aborted when the queue stops: end the step soon; the document resumes at the next start. */
  signal: AbortSignal;
}

/** `"retry"`: queue this document once more, behind its business's other documents. */
export type IngestionOutcome = "retry" | undefined;

/** A job runs until its next `yield`, then waits for its turn again. */
export type IngestionJob = AsyncGenerator<void, IngestionOutcome, void>;

/**
 * Fair between businesses: each business has its own line of documents, one job of one business
 * runs at a time, and after every step (one group of embedded rows, the first one after the extraction) the next
 * business with work takes its turn. A business's small document therefore waits for at most one
 * step of each other business, never for their whole documents; within a business, documents run
 * in the order they were queued.
 */
export function createIngestionScheduler(options: {
  run: (documentId: number, turn: IngestionTurn) => IngestionJob;
}): IngestionQueue {
  const lines = new Map<number, number[]>();
  const queued = new Set<number>();
  const started = new Map<number, { documentId: number; job: IngestionJob }>();
  /** Businesses with work, in turn order; the one running a step is taken off until it ends. */
  const ring: number[] = [];
  const stopping = new AbortController();
  const turn: IngestionTurn = { contended: () => ring.length > 0, signal: stopping.signal };
  let pumping: Promise<void> | null = null;
  let idleWaiters: Array<() => void> = [];

  const hasWork = (businessId: number) => started.has(businessId) || (lines.get(businessId)?.length ?? 0) > 0;

  function join(businessId: number, documentId: number): void {
    const line = lines.get(businessId) ?? [];
    line.push(documentId);
    lines.set(businessId, line);
    queued.add(documentId);
  }

  async function step(businessId: number): Promise<void> {
    let current = started.get(businessId);
    if (!current) {
      const documentId = lines.get(businessId)?.shift();
      if (documentId === undefined) return;
      queued.delete(documentId);
      current = { documentId, job: options.run(documentId, turn) };
      started.set(businessId, current);
    }
    let outcome: IteratorResult<void, IngestionOutcome>;
    try {
      outcome = await current.job.next();
    } catch (error) {
      console.error(`[supportal] ingestion job ${current.documentId} crashed`, error);
      outcome = { done: true, value: undefined };
    }
    if (!outcome.done) return;
    started.delete(businessId);
    if (outcome.value === "retry" && !stopping.signal.aborted && !queued.has(current.documentId)) {
      join(businessId, current.documentId);
    }
  }

  function pump(): void {
    if (pumping) return;
    pumping = (async () => {
      while (!stopping.signal.aborted && ring.length > 0) {
        const businessId = ring.shift()!;
        await step(businessId);
        if (hasWork(businessId)) ring.push(businessId);
        else lines.delete(businessId);
      }
    })().finally(() => {
      pumping = null;
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    });
  }

  return {
    enqueue(documentId, businessId) {
      if (stopping.signal.aborted || queued.has(documentId)) return;
      // A business taking its step is off the ring; it rejoins by itself when the step ends.
      const inTurn = ring.includes(businessId) || started.has(businessId);
      join(businessId, documentId);
      if (!inTurn) ring.push(businessId);
      pump();
    },
    idle() {
      if (!pumping && ring.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async stop() {
      stopping.abort();
      await pumping;
      // Jobs paused between steps run their cleanup (their documents wait for the next start).
      for (const { job } of started.values()) await job.return(undefined).catch(() => undefined);
      started.clear();
      lines.clear();
      queued.clear();
      ring.length = 0;
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    },
  };
}
