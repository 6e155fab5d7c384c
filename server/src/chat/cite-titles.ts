import type { Source } from "@supportal/shared";
import type { Repositories } from "../db/repositories";

/**
 * Sources as customers should read them: each document under its title (the owner's, else its first
 * heading), looked up when the answer is stored, so that a title edited in the dashboard shows at once.
 */
export async function withTitles(
  repos: Pick<Repositories, "documents">,
  businessId: number,
  sources: Source[],
): Promise<Source[]> {
  const titles = await repos.documents.documentTitles(businessId, [
    ...new Set(sources.map((source) => source.documentId)),
  ]);
  return sources.map((source) => {
    const title = titles.get(source.documentId);
    return title ? { ...source, title } : source;
  });
}
