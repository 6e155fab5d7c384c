/** "One answer at a time per session", across every instance that shares the locks. */
export interface AnswerLocks {
  /**
   * Resolves with the release once no other answer of the session runs; null if `signal` aborts
   * first (nobody is left to answer).
   */
  acquire(sessionKey: string, signal: AbortSignal): Promise<(() => void) | null>;
}

/** One process: the chat service already answers a session's questions one after another. */
export function createMemoryAnswerLocks(): AnswerLocks {
  const release = () => undefined;
  return { acquire: async (_key, signal) => (signal.aborted ? null : release) };
}
