import { createExtractionSandbox } from "../documents/extraction-sandbox";
import { type IngestDeps, ingestDocument } from "../documents/ingest-document";
import { createIngestionScheduler, type IngestionQueue } from "../documents/ingestion-scheduler";
import type { Config } from "../env";

// A crashed instance's job is taken over this long after its last renewal (plus one poll).
const LEASE_MS = 30_000;
// How often an instance looks for documents nobody ingests: never queued where they were accepted,
// or left by a crashed instance once its lease ran out.
const POLL_MS = 5_000;
// Documents taken per look, at most: each is one business's (a lease is per business).
const CLAIMS_PER_POLL = 100;

/** The ingestion queue, and the look for unclaimed documents that other instances left. */
export interface Ingestion extends IngestionQueue {
  /** Takes every unfinished document of a business no instance holds, and queues it; returns how many. */
  claimOrphans(): Promise<number>;
}

/**
 * Background ingestion: fair between businesses, extraction sandboxed within the configured budgets,
 * and, when several instances share the database, each business ingested by one instance at a time.
 */
export function createIngestion(
  config: Pick<Config, "extraction" | "chunkSize" | "chunkOverlap" | "ingestMaxAttempts">,
  deps: Omit<IngestDeps, "extract" | "maxAttempts" | "lease"> & { owner: string; leaseMs?: number },
): Ingestion {
  const lease = { owner: deps.owner, leaseMs: deps.leaseMs ?? LEASE_MS };
  const ingest: IngestDeps = {
    ...deps,
    lease,
    extract: createExtractionSandbox({
      memoryBytes: config.extraction.memoryMb * 1024 * 1024,
      timeoutMs: config.extraction.timeoutMs,
      limits: { maxChars: config.extraction.maxChars, maxChunks: config.extraction.maxChunks },
      chunking: { size: config.chunkSize, overlap: config.chunkOverlap },
    }),
    maxAttempts: config.ingestMaxAttempts,
  };
  const queue = createIngestionScheduler({
    run: (documentId, turn) => ingestDocument(ingest, documentId, turn),
  });
  let stopped = false;

  async function claimOrphans(): Promise<number> {
    let claimed = 0;
    while (!stopped && claimed < CLAIMS_PER_POLL) {
      const now = deps.now();
      const next = await deps.repos.ingestLeases.claimNext({
        owner: lease.owner,
        now: now.toISOString(),
        until: new Date(now.getTime() + lease.leaseMs).toISOString(),
      });
      if (!next) break;
      queue.enqueue(next.documentId, next.businessId);
      claimed++;
    }
    return claimed;
  }

  const timer = setInterval(() => {
    claimOrphans().catch((error: unknown) =>
      console.warn("[supportal] looking for unclaimed documents failed", error),
    );
  }, POLL_MS);
  (timer as { unref?: () => void }).unref?.();

  return {
    ...queue,
    claimOrphans,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue.stop();
    },
  };
}
