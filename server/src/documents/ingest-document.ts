import { findBusinessRow, setEmbeddingModel } from "../businesses/business-repo";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { Embedder } from "../providers/embedder";
import { buildChunkWindows } from "../rag/build-chunk-windows";
import { chunkDocument } from "../rag/chunk-document";
import { embedWindowGroups } from "../rag/embed-windows";
import type { VectorStore } from "../rag/vector-store";
import { findDocumentById, setDocumentStatus } from "./document-repo";
import { extractDocument } from "./extract-document";
import type { FileStore } from "./file-store";

export interface IngestDeps {
  db: Db;
  files: FileStore;
  store: VectorStore;
  embedder: Embedder;
  now: () => Date;
  chunking: { size: number; overlap: number };
}

// Rows are written group by group, so a long document becomes searchable as it goes.
const WINDOWS_PER_WRITE = 128;

/** Extracts, chunks, embeds and stores one document; the outcome is recorded on its row. */
export async function ingestDocument(deps: IngestDeps, documentId: number): Promise<void> {
  const doc = findDocumentById(deps.db, documentId);
  if (!doc) return;
  const stamp = () => deps.now().toISOString();
  // Deleted, or replaced by a new version (whose own job is queued): this job's work is void.
  const stillCurrent = () => findDocumentById(deps.db, doc.id)?.sha256 === doc.sha256;
  setDocumentStatus(deps.db, doc.id, { status: "processing", now: stamp() });
  try {
    // A job resumed after a crash may have written part of its rows: start from none.
    await deps.store.deleteDocument(doc.businessId, doc.id);
    claimEmbeddingModel(deps, doc.businessId);
    // A local model takes a second or two to load: let it load while the document is extracted.
    deps.embedder.warm?.();
    const extracted = await extractDocument(await deps.files.read(doc.businessId, doc.sha256), doc.type);
    const chunks = chunkDocument(extracted, deps.chunking);
    if (chunks.length === 0) throw new AppError("invalid_file", "The document has no text to index.");
    const windows = buildChunkWindows({ documentId: doc.id, documentName: doc.name, chunks });

    for await (const rows of embedWindowGroups(deps.embedder, windows, WINDOWS_PER_WRITE)) {
      if (!stillCurrent()) break;
      await deps.store.add(doc.businessId, rows);
    }
    if (!stillCurrent()) {
      // Leave nothing of this version behind (a new version's job starts from no rows anyway).
      if (!findDocumentById(deps.db, doc.id)) await deps.store.deleteDocument(doc.businessId, doc.id);
      return;
    }
    setDocumentStatus(deps.db, doc.id, {
      status: "ready",
      now: stamp(),
      chunkCount: chunks.length,
      pageCount: extracted.pageCount ?? null,
    });
    await deps.store
      .optimize(doc.businessId)
      .catch((error) => console.warn("[supportal] optimize failed", error));
  } catch (error) {
    // A replaced document's new job starts from no rows; anything else loses this job's rows.
    if (findDocumentById(deps.db, doc.id) && !stillCurrent()) return;
    await deps.store.deleteDocument(doc.businessId, doc.id).catch(() => undefined);
    if (!(error instanceof AppError))
      console.error(`[supportal] ingestion of document ${doc.id} failed`, error);
    if (stillCurrent()) {
      setDocumentStatus(deps.db, doc.id, {
        status: "failed",
        now: stamp(),
        error: failureReason(error),
        chunkCount: 0,
      });
    }
  }
}

/** A business's table holds one model's vectors; the first ingestion names the model. */
function claimEmbeddingModel(deps: IngestDeps, businessId: number): void {
  const business = findBusinessRow(deps.db, businessId);
  if (!business) throw new AppError("not_found", "The business no longer exists.");
  if (business.embeddingModel === null) setEmbeddingModel(deps.db, businessId, deps.embedder.id);
  else if (business.embeddingModel !== deps.embedder.id) {
    throw new AppError(
      "embedding_model_mismatch",
      `This business's vectors were made by ${business.embeddingModel}, not ${deps.embedder.id}; restart the server to re-embed.`,
    );
  }
}

function failureReason(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return "The document could not be processed.";
}
