import { createExtractionSandbox } from "../documents/extraction-sandbox";
import { type IngestDeps, ingestDocument } from "../documents/ingest-document";
import { createIngestionScheduler, type IngestionQueue } from "../documents/ingestion-scheduler";
import type { Config } from "../env";

/** Background ingestion: fair between businesses, extraction sandboxed within the configured budgets. */
export function createIngestion(
  config: Pick<Config, "extraction" | "chunkSize" | "chunkOverlap" | "ingestMaxAttempts">,
  deps: Omit<IngestDeps, "extract" | "maxAttempts">,
): IngestionQueue {
  const ingest: IngestDeps = {
    ...deps,
    extract: createExtractionSandbox({
      memoryBytes: config.extraction.memoryMb * 1024 * 1024,
      timeoutMs: config.extraction.timeoutMs,
      limits: { maxChars: config.extraction.maxChars, maxChunks: config.extraction.maxChunks },
      chunking: { size: config.chunkSize, overlap: config.chunkOverlap },
    }),
    maxAttempts: config.ingestMaxAttempts,
  };
  return createIngestionScheduler({
    run: (documentId, turn) => ingestDocument(ingest, documentId, turn),
  });
}
