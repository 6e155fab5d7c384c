/**
 * Places held in the daily caps by messages accepted but not stored yet (queued behind an answer),
 * so that a burst cannot pass a cap before its messages are counted.
 */
export interface CapReservations {
  /**
   * Holds one place in each key and answers how many each now holds in all, this one included, by
   * every instance. `release` gives the places back (once).
   */
  hold(businessId: number, keys: string[]): Promise<{ held: number[]; release: () => void }>;
}

/** Release once, whatever calls it how often. */
export function once(release: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

export function createMemoryCapReservations(): CapReservations {
  const held = new Map<string, number>();
  return {
    async hold(businessId, keys) {
      const scoped = keys.map((key) => `${businessId}|${key}`);
      for (const key of scoped) held.set(key, (held.get(key) ?? 0) + 1);
      return {
        held: scoped.map((key) => held.get(key) ?? 0),
        release: once(() => {
          for (const key of scoped) {
            const left = (held.get(key) ?? 1) - 1;
            if (left > 0) held.set(key, left);
            else held.delete(key);
          }
        }),
      };
    },
  };
}
