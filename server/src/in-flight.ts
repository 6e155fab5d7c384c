/** Work under way that something else waits to see finished: chat turns, deletes of vector rows. */
export interface InFlight {
  /** Marks one piece of work begun; the returned function ends it (calling it again does nothing). */
  begin(): () => void;
  /** Resolves when no work is under way (at once if none is). */
  idle(): Promise<void>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    begin() {
      count++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        count--;
        if (count > 0) return;
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      };
    },
    idle() {
      if (count === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
