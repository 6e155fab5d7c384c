/** Open chat sockets per client address, counted across every instance that shares the count. */
export interface SocketCaps {
  /** Takes one of the address's `max` places; false when all are taken. */
  admit(ip: string, max: number): Promise<boolean>;
  /** Gives back a place `admit` gave; resolves once it is back (callers need not wait). */
  release(ip: string): Promise<void>;
}

/** Counts in this process. */
export function createMemorySocketCaps(): SocketCaps {
  const open = new Map<string, number>();
  return {
    async admit(ip, max) {
      const count = open.get(ip) ?? 0;
      if (count >= max) return false;
      open.set(ip, count + 1);
      return true;
    },
    async release(ip) {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    },
  };
}
