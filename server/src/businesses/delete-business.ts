import type { Repositories } from "../db/repositories";
import type { FileStore } from "../documents/file-store";
import type { VectorStore } from "../rag/vector-store";

export interface DeleteBusinessDeps {
  repos: Pick<Repositories, "businesses">;
  files: Pick<FileStore, "removeBusiness">;
  store: Pick<VectorStore, "dropBusiness">;
  /** The chat closes the business's live sockets. */
  onBusinessDeleted: (businessId: number) => void;
}

/** Removes a business with everything it owns: rows (cascading), files, vectors and live chats. */
export async function deleteBusiness(deps: DeleteBusinessDeps, businessId: number): Promise<void> {
  // Rows first: from here on the business is unknown to every route and to running ingestions.
  await deps.repos.businesses.deleteBusinessRow(businessId);
  deps.onBusinessDeleted(businessId);
  await deps.store.dropBusiness(businessId);
  await deps.files.removeBusiness(businessId);
}
