import type { Deps } from "../deps";
import { deleteBusinessRow } from "./business-repo";

/** Removes a business with everything it owns: rows (cascading), files, vectors and live chats. */
export async function deleteBusiness(
  deps: Pick<Deps, "db" | "files" | "store" | "onBusinessDeleted">,
  businessId: number,
): Promise<void> {
  // Rows first: from here on the business is unknown to every route and to running ingestions.
  deleteBusinessRow(deps.db, businessId);
  deps.onBusinessDeleted(businessId);
  await deps.store.dropBusiness(businessId);
  await deps.files.removeBusiness(businessId);
}
