import type { DocumentType } from "@supportal/shared";
import { extractDocx } from "./extract-docx";
import { extractPdf } from "./extract-pdf";
import { extractText } from "./extract-text";
import type { ExtractedDocument } from "./extracted";

/** The text structure of a document whose type `detectDocumentType` has decided. */
export async function extractDocument(bytes: Uint8Array, type: DocumentType): Promise<ExtractedDocument> {
  switch (type) {
    case "pdf":
      return extractPdf(bytes);
    case "docx":
      return extractDocx(bytes);
    case "txt":
    case "markdown":
      return extractText(bytes, type);
  }
}
