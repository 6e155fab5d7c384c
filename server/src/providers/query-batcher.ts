interface Waiter {
  texts: string[];
  resolve(vectors: number[][]): void;
  reject(error: unknown): void;
}

/**
 * Micro-batching for queries: calls wait in one list, and a single job is queued for them; the
 * job takes every waiting text (up to `maxTexts`) only when a worker picks it up, so queries that
 * arrive while the workers are busy share one model call, and a query arriving at an idle pool goes
 * at once, alone. `run` gets the job's input as a thunk to call when the job starts.
 */
export function createQueryBatcher(options: {
  maxTexts: number;
  run: (makeTexts: () => string[]) => Promise<number[][]>;
}) {
  const waiting: Waiter[] = [];
  let jobQueued = false;

  function take(): Waiter[] {
    const taken: Waiter[] = [];
    let count = 0;
    while (
      waiting.length > 0 &&
      (taken.length === 0 || count + waiting[0]!.texts.length <= options.maxTexts)
    ) {
      const waiter = waiting.shift()!;
      count += waiter.texts.length;
      taken.push(waiter);
    }
    return taken;
  }

  function schedule(): void {
    if (jobQueued || waiting.length === 0) return;
    jobQueued = true;
    let taken: Waiter[] | null = null;
    options
      .run(() => {
        jobQueued = false;
        taken = take();
        // What did not fit waits for the next job, queued behind this one.
        schedule();
        return taken.flatMap((waiter) => waiter.texts);
      })
      .then(
        (vectors) => {
          let at = 0;
          for (const waiter of taken ?? []) {
            waiter.resolve(vectors.slice(at, at + waiter.texts.length));
            at += waiter.texts.length;
          }
        },
        (error: unknown) => {
          // Never started (the pool closed): everyone still waiting fails with it.
          if (taken === null) {
            jobQueued = false;
            taken = waiting.splice(0);
          }
          for (const waiter of taken) waiter.reject(error);
        },
      );
  }

  return {
    embed(texts: string[]): Promise<number[][]> {
      return new Promise((resolve, reject) => {
        waiting.push({ texts, resolve, reject });
        schedule();
      });
    },
  };
}
