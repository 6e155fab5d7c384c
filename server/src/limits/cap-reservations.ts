/** One count a message must fit in: what is stored today, and the cap. */
export interface CapPlace {
  key: string;
  used: number;
  limit: number;
}

export type Reservation = { release: () => void } | { full: number };

/**
 * Places held in the daily caps by messages accepted but not stored yet (queued behind an answer),
 * so that a burst cannot pass a cap before its messages are counted.
 */
export interface CapReservations {
  /**
   * Holds a place in every key at once when each has room left (stored + held < limit); otherwise
   * holds nothing and names the first full one. `release` gives the places back (once).
   */
  take(businessId: number, places: CapPlace[]): Promise<Reservation>;
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
    async take(businessId, places) {
      const keys = places.map((place) => `${businessId}|${place.key}`);
      const full = places.findIndex((place, i) => place.used + (held.get(keys[i]!) ?? 0) >= place.limit);
      if (full >= 0) return { full };
      for (const key of keys) held.set(key, (held.get(key) ?? 0) + 1);
      return {
        release: once(() => {
          for (const key of keys) {
            const left = (held.get(key) ?? 1) - 1;
            if (left > 0) held.set(key, left);
            else held.delete(key);
          }
        }),
      };
    },
  };
}
