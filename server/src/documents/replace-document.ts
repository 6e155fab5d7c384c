import { createHash } from "node:crypto";
import type { Document } from "@supportal/shared";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { documents } from "../db/schema";
import { AppError } from "../errors";
import type { VectorStore } from "../rag/vector-store";
import { detectDocumentType } from "./detect-type";
import { displayName } from "./display-name";
import { findDocumentBySha, findDocumentRow, toDocument } from "./document-repo";
import type { FileStore } from "./file-store";

export interface ReplaceDeps {
  db: Db;
  files: FileStore;
  store: VectorStore;
  now: () => Date;
  enqueue: (documentId: number) => void;
}

/**
 * Puts a new version in place of a document: same id, new file, back to `pending`. The old chunks
 * leave search before this returns, so no answer cites the old version while the new one is ingested.
 */
export async function replaceDocument(
  deps: ReplaceDeps,
  input: { businessId: number; documentId: number; name: string; bytes: Uint8Array },
): Promise<Document> {
  const current = findDocumentRow(deps.db, input.businessId, input.documentId);
  if (!current) throw new AppError("not_found", `No document with id ${input.documentId} in this business.`);
  const type = detectDocumentType(input.bytes, input.name);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const refuseTwin = () => {
    const twin = findDocumentBySha(deps.db, input.businessId, sha256);
    if (twin && twin.id !== current.id) {
      throw new AppError(
        "conflict",
        `This file is already uploaded as "${twin.name}" (document ${twin.id}).`,
      );
    }
  };
  refuseTwin();

  await deps.files.put(input.businessId, sha256, input.bytes);
  // Checked again after the pause: a parallel upload or replace may have claimed these bytes.
  refuseTwin();
  const row = deps.db
    .update(documents)
    .set({
      name: displayName(input.name, type),
      type,
      size: input.bytes.byteLength,
      sha256,
      status: "pending",
      error: null,
      chunkCount: 0,
      pageCount: null,
      ingestAttempts: 0,
      updatedAt: deps.now().toISOString(),
    })
    .where(eq(documents.id, current.id))
    .returning()
    .get();
  await deps.store.deleteDocument(input.businessId, current.id);
  // The old bytes may meanwhile belong to a new upload; then their file stays.
  if (current.sha256 !== sha256 && !findDocumentBySha(deps.db, input.businessId, current.sha256)) {
    await deps.files.remove(input.businessId, current.sha256);
  }
  deps.enqueue(current.id);
  return toDocument(row ?? current);
}
