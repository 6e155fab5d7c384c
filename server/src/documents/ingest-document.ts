import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import type { Embedder } from "../providers/embedder";
import { buildChunkWindows } from "../rag/build-chunk-windows";
import type { Chunk } from "../rag/chunk";
import { embedWindowGroups } from "../rag/embed-windows";
import type { VectorStore } from "../rag/vector-store";
import type { DocumentRow } from "./document-repo";
import type { ExtractDocument } from "./extraction-sandbox";
import type { FileStore } from "./file-store";
import { type HeldLease, holdLease, type LeaseSettings } from "./ingest-lease";
import type { IngestionJob, IngestionTurn } from "./ingestion-scheduler";

export interface IngestDeps {
  repos: Pick<Repositories, "businesses" | "documents" | "ingestLeases">;
  files: FileStore;
  store: VectorStore;
  embedder: Embedder;
  now: () => Date;
  /** Extraction and chunking, out of the server's process. */
  extract: ExtractDocument;
  /** Attempts (SUPPORTAL_INGEST_MAX_ATTEMPTS) before a document that keeps crashing ends `failed`. */
  maxAttempts: number;
  /** This instance's ingestion leases: one instance at a time ingests a business's documents. */
  lease: LeaseSettings;
  /** Told when a document ends ready or failed (golden questions run again, starter checks are offered). */
  onSettled?: (settled: SettledDocument) => Promise<void>;
  /**
   * More work a version needs before it shows ready, in steps that take turns like its groups: the
   * offline answerer's sentence vectors, which search and the answer rank by.
   */
  beforeReady?: (documentId: number, chunks: Chunk[]) => AsyncGenerator<void>;
}

export interface SettledDocument {
  businessId: number;
  documentId: number;
  name: string;
  status: "ready" | "failed";
  /** Its chunks (ready only), for what follows from them. */
  chunks: Chunk[];
}

/**
 * Rows are written group by group, so a long document becomes searchable as it goes; a group is also
 * one turn of the fair scheduler. 128 windows are ~3 s of the offline encoder on two workers.
 */
const WINDOWS_PER_WRITE = 128;

/**
 * Extracts, chunks, embeds and stores one document; the outcome is recorded on its row. Yields after
 * each stored group, so other businesses' documents take their turns. An
 * extraction that crashed, ran out of memory or time is retried until `maxAttempts` have started; so
 * is an attempt the server died during, counted at the next start.
 */
export async function* ingestDocument(
  deps: IngestDeps,
  documentId: number,
  turn: IngestionTurn,
): IngestionJob {
  const doc = await deps.repos.documents.findDocumentById(documentId);
  if (!doc) return;
  // Another instance ingests this business now; it (or, once its lease runs out, any instance's
  // poll for unclaimed documents) takes this document too.
  const lease = await holdLease(deps, { businessId: doc.businessId, documentId: doc.id });
  if (!lease) return;
  try {
    // Read again under the lease: another instance may have ingested it while this one waited.
    const current = await deps.repos.documents.findDocumentById(documentId);
    if (!current || (current.status !== "pending" && current.status !== "processing")) return;
    return yield* ingestHeld(deps, current, turn, lease);
  } finally {
    await lease.release();
  }
}

async function* ingestHeld(
  deps: IngestDeps,
  doc: DocumentRow,
  turn: IngestionTurn,
  lease: HeldLease,
): IngestionJob {
  const stamp = () => deps.now().toISOString();
  // Deleted, or replaced by a new version (whose own job is queued): this job's work is void.
  const stillCurrent = async () =>
    (await deps.repos.documents.findDocumentById(doc.id))?.sha256 === doc.sha256;
  if (doc.ingestAttempts >= deps.maxAttempts) {
    // Every allowed attempt started and none ended: the server stopped during each one.
    await fail(deps, doc, stamp(), interruptedReason(doc.ingestAttempts));
    return;
  }
  const attempt = await deps.repos.documents.startIngestAttempt(doc.id, stamp());
  let settled = false;
  // The lease was lost: the instance that took it over owns the document's row and rows now.
  let abandoned = false;
  try {
    // A job resumed after a crash may have written part of its rows: start from none.
    await deps.store.deleteDocument(doc.businessId, doc.id);
    await claimEmbeddingModel(deps, doc.businessId);
    // A local model takes a second or two to load: let it load while the document is extracted.
    deps.embedder.warm?.();
    const bytes = await deps.files.read(doc.businessId, doc.sha256);
    // No turn between the extraction and the first group: a small document is then one step.
    const prepared = await deps.extract(bytes, doc.type, turn.signal);
    const windows = buildChunkWindows({
      documentId: doc.id,
      documentName: doc.name,
      chunks: prepared.chunks,
    });
    const groups = embedWindowGroups(deps.embedder, windows, WINDOWS_PER_WRITE, {
      prefetch: () => !turn.contended(),
    });
    for await (const rows of groups) {
      if (!(await stillCurrent())) break;
      // Lost (this instance stalled past its lease and another took over): write nothing more.
      if (!(await lease.renew())) return leaseLost(doc, () => (abandoned = true));
      await deps.store.add(doc.businessId, rows);
      yield;
    }
    const steps =
      deps.beforeReady && (await stillCurrent()) ? deps.beforeReady(doc.id, prepared.chunks) : null;
    while (steps) {
      // Not fatal: what is missing is filled in the background once the document is ready.
      const step = await steps.next().catch((error: unknown) => {
        console.warn(`[supportal] sentence vectors of document ${doc.id} left for later:`, String(error));
        return { done: true } as const;
      });
      if (step.done) break;
      if (!(await stillCurrent())) break;
      if (!(await lease.renew())) return leaseLost(doc, () => (abandoned = true));
      yield;
    }
    await steps?.return(undefined);
    if (!(await lease.renew())) return leaseLost(doc, () => (abandoned = true));
    settled = true;
    if (!(await stillCurrent())) {
      // Leave nothing of this version behind (a new version's job starts from no rows anyway).
      if (!(await deps.repos.documents.findDocumentById(doc.id)))
        await deps.store.deleteDocument(doc.businessId, doc.id);
      return;
    }
    // Told before the status shows, so that whatever follows (golden questions) is already due
    // when a client sees the document ready.
    await deps.onSettled?.({
      businessId: doc.businessId,
      documentId: doc.id,
      name: doc.name,
      status: "ready",
      chunks: prepared.chunks,
    });
    await deps.repos.documents.setDocumentStatus(doc.id, {
      status: "ready",
      now: stamp(),
      chunkCount: prepared.chunks.length,
      pageCount: prepared.pageCount ?? null,
      extractedTitle: prepared.title ?? null,
    });
    await deps.store
      .optimize(doc.businessId)
      .catch((error) => console.warn("[supportal] optimize failed", error));
  } catch (error) {
    // Stopped on purpose: the `finally` below puts the document back in line for the next start.
    if (turn.signal.aborted) return;
    settled = true;
    // A replaced document's new job starts from no rows; anything else loses this job's rows.
    if ((await deps.repos.documents.findDocumentById(doc.id)) && !(await stillCurrent())) return;
    await deps.store.deleteDocument(doc.businessId, doc.id).catch(() => undefined);
    if (!(await stillCurrent())) return;
    if (isCrash(error) && attempt < deps.maxAttempts) {
      console.warn(
        `[supportal] ingestion of document ${doc.id} crashed (attempt ${attempt} of ${deps.maxAttempts}): ${error.message}`,
      );
      await deps.repos.documents.setDocumentStatus(doc.id, {
        status: "pending",
        now: stamp(),
        chunkCount: 0,
      });
      return "retry";
    }
    if (!(error instanceof AppError))
      console.error(`[supportal] ingestion of document ${doc.id} failed`, error);
    await fail(deps, doc, stamp(), failureReason(error, attempt));
  } finally {
    // Paused or aborted by a shutdown: that attempt did not fail, so it does not count.
    if (!settled && !abandoned && (await stillCurrent()))
      await deps.repos.documents.releaseIngestAttempt(doc.id, stamp());
  }
}

async function fail(
  deps: IngestDeps,
  doc: { id: number; businessId: number; name: string },
  now: string,
  reason: string,
): Promise<void> {
  await deps.onSettled?.({
    businessId: doc.businessId,
    documentId: doc.id,
    name: doc.name,
    status: "failed",
    chunks: [],
  });
  await deps.repos.documents.setDocumentStatus(doc.id, {
    status: "failed",
    now,
    error: reason,
    chunkCount: 0,
  });
}

/** A document's crash (the sandbox died, ran out of memory or time) rather than a refusal of its content. */
function isCrash(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "internal_error";
}

/** A business's table holds one model's vectors; the first ingestion names the model. */
async function claimEmbeddingModel(deps: IngestDeps, businessId: number): Promise<void> {
  const business = await deps.repos.businesses.findBusinessRow(businessId);
  if (!business) throw new AppError("not_found", "The business no longer exists.");
  if (business.embeddingModel === null)
    await deps.repos.businesses.setEmbeddingModel(businessId, deps.embedder.id);
  else if (business.embeddingModel !== deps.embedder.id) {
    throw new AppError(
      "embedding_model_mismatch",
      `This business's vectors were made by ${business.embeddingModel}, not ${deps.embedder.id}; restart the server to re-embed.`,
    );
  }
}

const GIVE_UP = "It will not be tried again: delete it and upload it again to retry.";

function failureReason(error: unknown, attempts: number): string {
  if (isCrash(error)) {
    return `${error.message.replace(/\.$/, "")} (${attempts} ${attempts === 1 ? "attempt" : "attempts"}); the file is too large or malformed. ${GIVE_UP}`;
  }
  if (error instanceof AppError) return error.message;
  return "The document could not be processed.";
}

function interruptedReason(attempts: number): string {
  return `Processing stopped unfinished ${attempts} times (the server stopped or crashed during it). ${GIVE_UP}`;
}

function leaseLost(doc: { id: number; businessId: number }, abandon: () => void): undefined {
  abandon();
  console.warn(
    `[supportal] ingestion of document ${doc.id} stopped: another instance took business ${doc.businessId} over`,
  );
  return undefined;
}
