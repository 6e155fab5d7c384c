/**
 * The chat turns being answered now, so that background bulk work (the sentence filler) can wait for
 * none to be: its embedding groups took the CPU a first answer needed.
 */
export interface TurnsInFlight {
  /** Marks a turn begun; the returned function ends it (calling it again does nothing). */
  begin(): () => void;
  /** Resolves when no turn is being answered (at once if none is). */
  idle(): Promise<void>;
}

export function createTurnsInFlight(): TurnsInFlight {
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
