import type { RetentionRepo } from "./retention-repo";

/**
 * Sweeps now (before the server serves, so nothing expired is shown) and then every `everyMs`; the
 * returned function stops it.
 */
export async function startRetentionSweep(
  retention: RetentionRepo,
  options: { everyMs: number; now: () => Date; defaultDays: number | null; log?: (line: string) => void },
): Promise<() => void> {
  const sweep = async () => {
    try {
      const deleted = await retention.sweepExpiredMessages({
        now: options.now(),
        defaultDays: options.defaultDays,
      });
      if (deleted > 0) options.log?.(`[supportal] retention: deleted ${deleted} expired message(s)`);
    } catch (error) {
      // A full disk or a busy database: the next sweep tries again; nothing was half-deleted.
      console.error("[supportal] retention sweep failed; it runs again later:", error);
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
