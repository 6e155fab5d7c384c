import { eq } from "drizzle-orm";
import { listBusinessRows } from "../businesses/business-repo";
import type { Db } from "../db/client";
import { businesses, documents } from "../db/schema";
import { listUnfinishedDocuments } from "../documents/document-repo";
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
    db: Db;
    store: Pick<VectorStore, "dropBusiness">;
    embedder: Pick<Embedder, "id">;
    ingestion: Pick<IngestionQueue, "enqueue">;
    now: () => Date;
  },
  announce: (line: string) => void,
): Promise<void> {
  for (const business of listBusinessRows(deps.db)) {
    if (business.embeddingModel === null || business.embeddingModel === deps.embedder.id) continue;
    announce(
      `Business ${business.id}: vectors were made by ${business.embeddingModel}; re-embedding with ${deps.embedder.id}.`,
    );
    await deps.store.dropBusiness(business.id);
    deps.db.transaction((tx) => {
      tx.update(documents)
        .set({ status: "pending", chunkCount: 0, ingestAttempts: 0, updatedAt: deps.now().toISOString() })
        .where(eq(documents.businessId, business.id))
        .run();
      tx.update(businesses).set({ embeddingModel: null }).where(eq(businesses.id, business.id)).run();
    });
  }
  for (const doc of listUnfinishedDocuments(deps.db)) deps.ingestion.enqueue(doc.id);
}
