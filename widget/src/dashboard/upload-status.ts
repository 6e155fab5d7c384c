import type { Document } from "@supportal/shared";

/** A document's state in words, for the live announcement: "faq.pdf is ready." not "… is failed". */
export function describeDocument(doc: Pick<Document, "name" | "status" | "error">): string {
  switch (doc.status) {
    case "ready":
      return `${doc.name} is ready.`;
    case "failed":
      return `${doc.name} could not be indexed${doc.error ? `: ${doc.error}` : "."}`;
    default:
      return `${doc.name} is being indexed.`;
  }
}

/** What an upload that reached the server says now: it follows its document until indexing ends. */
export function uploadOutcome(
  upload: { documentId?: number; message?: string },
  documents: Document[] | undefined,
): string | undefined {
  const doc =
    upload.documentId === undefined ? undefined : documents?.find((d) => d.id === upload.documentId);
  if (!doc || doc.status === "pending" || doc.status === "processing") return upload.message;
  return doc.status === "ready"
    ? "Uploaded and indexed; the assistant uses it now."
    : `Uploaded, but it could not be indexed${doc.error ? `: ${doc.error}` : "."}`;
}
