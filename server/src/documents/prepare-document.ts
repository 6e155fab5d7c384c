import type { DocumentType } from "@supportal/shared";
import { AppError } from "../errors";
import type { Chunk } from "../rag/chunk";
import { type ChunkOptions, chunkDocument } from "../rag/chunk-document";
import { firstHeading } from "./document-title";
import { extractDocument } from "./extract-document";
import { guardPdfStreams } from "./pdf-inflate-guard";

/** What one document may hold; past a limit its ingestion fails with a reason naming the setting. */
export interface DocumentLimits {
  /** Characters of extracted text (SUPPORTAL_MAX_DOCUMENT_CHARS). */
  maxChars: number;
  /** Chunks (SUPPORTAL_MAX_DOCUMENT_CHUNKS). */
  maxChunks: number;
}

export interface PreparedDocument {
  chunks: Chunk[];
  pageCount?: number;
  /** The document's first heading: its title, until the owner gives it another. */
  title?: string;
}

/**
 * Bytes to chunks, with every bound applied: inflated streams, then extracted text, then chunks.
 * Runs inside the extraction sandbox, so nothing it allocates is the server's.
 */
export async function prepareDocument(
  bytes: Uint8Array,
  type: DocumentType,
  options: { limits: DocumentLimits; chunking: ChunkOptions },
): Promise<PreparedDocument> {
  if (type === "pdf") await guardPdfStreams(bytes);
  const extracted = await extractDocument(bytes, type);
  const chars = extracted.blocks.reduce((sum, block) => sum + block.text.length, 0);
  if (chars > options.limits.maxChars) {
    throw new AppError(
      "invalid_file",
      `The document holds ${chars.toLocaleString("en")} characters of text; the limit is ` +
        `${options.limits.maxChars.toLocaleString("en")} (SUPPORTAL_MAX_DOCUMENT_CHARS). Split it into smaller documents.`,
    );
  }
  const chunks = chunkDocument(extracted, options.chunking);
  if (chunks.length === 0) throw new AppError("invalid_file", "The document has no text to index.");
  if (chunks.length > options.limits.maxChunks) {
    throw new AppError(
      "invalid_file",
      `The document makes ${chunks.length.toLocaleString("en")} chunks; the limit is ` +
        `${options.limits.maxChunks.toLocaleString("en")} (SUPPORTAL_MAX_DOCUMENT_CHUNKS). Split it into smaller documents.`,
    );
  }
  const title = firstHeading(extracted);
  return {
    chunks,
    ...(extracted.pageCount !== undefined ? { pageCount: extracted.pageCount } : {}),
    ...(title ? { title } : {}),
  };
}
