import { createHash } from "node:crypto";
import type { Document } from "@supportal/shared";
import type { Repositories } from "../db/repositories";
import { detectDocumentType } from "./detect-type";
import { displayName } from "./display-name";
import { toDocument } from "./document-repo";
import type { FileStore } from "./file-store";

export interface UploadDeps {
  repos: Pick<Repositories, "documents">;
  files: FileStore;
  now: () => Date;
  enqueue: (documentId: number, businessId: number) => void;
}

/** Stores a new document and queues its ingestion; the same bytes twice give back the first one. */
export async function uploadDocument(
  deps: UploadDeps,
  input: { businessId: number; name: string; bytes: Uint8Array },
): Promise<Document> {
  const type = detectDocumentType(input.bytes, input.name);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const existing = await deps.repos.documents.findDocumentBySha(input.businessId, sha256);
  if (existing) return { ...toDocument(existing), duplicate: true };

  await deps.files.put(input.businessId, sha256, input.bytes);
  // The same bytes may have been stored by a parallel upload while the file was written; the
  // repository checks and inserts in one transaction, so exactly one of them inserts.
  const { row, duplicate } = await deps.repos.documents.insertDocument({
    businessId: input.businessId,
    name: displayName(input.name, type),
    type,
    size: input.bytes.byteLength,
    sha256,
    now: deps.now().toISOString(),
  });
  if (duplicate) return { ...toDocument(row), duplicate: true };
  deps.enqueue(row.id, row.businessId);
  return toDocument(row);
}
