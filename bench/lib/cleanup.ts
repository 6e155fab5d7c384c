const cleanups: (() => Promise<void>)[] = [];

/** Registers work for the end of the whole run (servers shared by several benchmarks). */
export function atEnd(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error) => console.error("cleanup failed:", error));
  }
}
