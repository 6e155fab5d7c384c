import type { DocumentType } from "@supportal/shared";

const extensionOf: Record<DocumentType, string> = { pdf: "pdf", docx: "docx", txt: "txt", markdown: "md" };

/**
 * The name shown in citations and the dashboard. It is only ever displayed, never used as a path,
 * but a client-sent "../../etc/passwd" should still not show up as one.
 */
export function displayName(clientName: string, type: DocumentType): string {
  const base = clientName.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || `document.${extensionOf[type]}`;
}
