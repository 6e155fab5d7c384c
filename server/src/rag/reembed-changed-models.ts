import type { Repositories } from "../db/repositories";
import type { IngestionQueue } from "../documents/ingestion-scheduler";
import type { Embedder } from "../providers/embedder";
import type { VectorStore } from "./vector-store";

/**
 * Vectors of two models must never meet in one table. When the configured embedder differs from
 * the one that filled a business's table, the table is dropped and every ready document is queued
 * again from its stored original; then unfinished jobs (including ones a crash cut short) resume.
 */
export async function reembedChangedModels(
  deps: {
    repos: Pick<Repositories, "businesses" | "documents">;
    store: Pick<VectorStore, "dropBusiness">;
    embedder: Pick<Embedder, "id">;
    ingestion: Pick<IngestionQueue, "enqueue">;
    now: () => Date;
  },
  announce: (line: string) => void,
): Promise<void> {
  for (const business of await deps.repos.businesses.listBusinessRows()) {
    if (business.embeddingModel === null || business.embeddingModel === deps.embedder.id) continue;
    announce(
      `Business ${business.id}: vectors were made by ${business.embeddingModel}; re-embedding with ${deps.embedder.id}.`,
    );
    await deps.store.dropBusiness(business.id);
    await deps.repos.documents.requeueForReembedding(business.id, deps.now().toISOString());
  }
  for (const doc of await deps.repos.documents.listUnfinishedDocuments())
    deps.ingestion.enqueue(doc.id, doc.businessId);
}
