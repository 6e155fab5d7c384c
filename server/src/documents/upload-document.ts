import { createHash } from "node:crypto";
import type { Document } from "@supportal/shared";
import type { Db } from "../db/client";
import { detectDocumentType } from "./detect-type";
import { displayName } from "./display-name";
import { findDocumentBySha, insertDocument, toDocument } from "./document-repo";
import type { FileStore } from "./file-store";

export interface UploadDeps {
  db: Db;
  files: FileStore;
  now: () => Date;
  enqueue: (documentId: number) => void;
}

/** Stores a new document and queues its ingestion; the same bytes twice give back the first one. */
export async function uploadDocument(
  deps: UploadDeps,
  input: { businessId: number; name: string; bytes: Uint8Array },
): Promise<Document> {
  const type = detectDocumentType(input.bytes, input.name);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const existing = findDocumentBySha(deps.db, input.businessId, sha256);
  if (existing) return { ...toDocument(existing), duplicate: true };

  await deps.files.put(input.businessId, sha256, input.bytes);
  // The same bytes may have been stored by a parallel upload while the file was written; the check
  // and the insert below run without a pause, so exactly one of them inserts.
  const raced = findDocumentBySha(deps.db, input.businessId, sha256);
  if (raced) return { ...toDocument(raced), duplicate: true };
  const row = insertDocument(deps.db, {
    businessId: input.businessId,
    name: displayName(input.name, type),
    type,
    size: input.bytes.byteLength,
    sha256,
    now: deps.now().toISOString(),
  });
  deps.enqueue(row.id);
  return toDocument(row);
}
