import type { Source } from "@supportal/shared";
import type { Db } from "../db/client";
import { documentTitles } from "../documents/document-repo";

/**
 * Sources as customers should read them: each document under its title (the owner's, else its first
 * heading), looked up when the answer is stored, so that a title edited in the dashboard shows at once.
 */
export function withTitles(db: Db, businessId: number, sources: Source[]): Source[] {
  const titles = documentTitles(db, businessId, [...new Set(sources.map((source) => source.documentId))]);
  return sources.map((source) => {
    const title = titles.get(source.documentId);
    return title ? { ...source, title } : source;
  });
}
