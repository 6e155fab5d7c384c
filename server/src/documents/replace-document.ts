import { createHash } from "node:crypto";
import type { Document } from "@supportal/shared";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import type { VectorStore } from "../rag/vector-store";
import { detectDocumentType } from "./detect-type";
import { displayName } from "./display-name";
import { toDocument } from "./document-repo";
import type { FileStore } from "./file-store";

export interface ReplaceDeps {
  repos: Pick<Repositories, "documents">;
  files: FileStore;
  store: VectorStore;
  now: () => Date;
  enqueue: (documentId: number, businessId: number) => void;
}

/**
 * Puts a new version in place of a document: same id, new file, back to `pending`. The old chunks
 * leave search before this returns, so no answer cites the old version while the new one is ingested.
 */
export async function replaceDocument(
  deps: ReplaceDeps,
  input: { businessId: number; documentId: number; name: string; bytes: Uint8Array },
): Promise<Document> {
  const current = await deps.repos.documents.findDocumentRow(input.businessId, input.documentId);
  if (!current) throw new AppError("not_found", `No document with id ${input.documentId} in this business.`);
  const type = detectDocumentType(input.bytes, input.name);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const twinRefusal = (twin: { id: number; name: string }) =>
    new AppError("conflict", `This file is already uploaded as "${twin.name}" (document ${twin.id}).`);
  const twin = await deps.repos.documents.findDocumentBySha(input.businessId, sha256);
  if (twin && twin.id !== current.id) throw twinRefusal(twin);

  await deps.files.put(input.businessId, sha256, input.bytes);
  // Checked again with the write, in one transaction: a parallel upload or replace may have
  // claimed these bytes while the file was stored.
  const replaced = await deps.repos.documents.replaceDocumentVersion({
    businessId: input.businessId,
    id: current.id,
    name: displayName(input.name, type),
    type,
    size: input.bytes.byteLength,
    sha256,
    now: deps.now().toISOString(),
  });
  if ("twin" in replaced) throw twinRefusal(replaced.twin);
  const row = replaced.row;
  await deps.store.deleteDocument(input.businessId, current.id);
  // The old bytes may meanwhile belong to a new upload; then their file stays.
  if (
    current.sha256 !== sha256 &&
    !(await deps.repos.documents.findDocumentBySha(input.businessId, current.sha256))
  ) {
    await deps.files.remove(input.businessId, current.sha256);
  }
  deps.enqueue(current.id, current.businessId);
  return toDocument(row);
}
