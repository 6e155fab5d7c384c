import type { DocumentType } from "@supportal/shared";
import { AppError } from "../errors";
import { describeBinary } from "./describe-binary";
import { guardDocx } from "./docx-guard";
import { looksLikeMarkdown } from "./looks-like-markdown";
import { listZipEntries } from "./zip-entries";

const ACCEPTED = "Supportal accepts PDF, DOCX, plain text (UTF-8) and Markdown files.";
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
// Writers may append a little after %%EOF (a newline, a signature block); 2 KB covers them.
const EOF_WINDOW = 2048;
const MARKDOWN_EXTENSION = /\.(md|markdown|mdown)$/i;
const TEXT_EXTENSION = /\.(txt|text)$/i;
// Text with more than this share of control characters is binary that happens to decode as UTF-8.
const MAX_CONTROL_SHARE = 0.01;

/** The document type from the file's content; the name only tells plain text and Markdown apart. */
export function detectDocumentType(bytes: Uint8Array, filename: string): DocumentType {
  if (bytes.length === 0) throw new AppError("invalid_file", "The file is empty.");
  if (startsWith(bytes, PDF_MAGIC)) {
    const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW)));
    if (!tail.includes("%%EOF")) {
      throw new AppError("invalid_file", "The PDF is truncated or damaged (its end marker is missing).");
    }
    return "pdf";
  }
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) return detectZip(bytes, filename);
  const text = decodeText(bytes, filename);
  if (MARKDOWN_EXTENSION.test(filename)) return "markdown";
  if (TEXT_EXTENSION.test(filename)) return "txt";
  return looksLikeMarkdown(text) ? "markdown" : "txt";
}

function detectZip(bytes: Uint8Array, filename: string): DocumentType {
  const names = new Set(listZipEntries(bytes).map((entry) => entry.name));
  if (names.has("word/document.xml")) {
    // Refusing a zip bomb at the door tells the uploader at once, instead of through a failed job later.
    guardDocx(bytes);
    return "docx";
  }
  let what = "a ZIP archive";
  if (names.has("xl/workbook.xml")) what = "an Excel workbook";
  else if (names.has("ppt/presentation.xml")) what = "a PowerPoint presentation";
  else if (names.has("content.xml") && names.has("mimetype"))
    what = "an OpenDocument file (save it as .docx)";
  else if (names.has("META-INF/container.xml")) what = "an EPUB book";
  throw unsupported(filename, what);
}

function decodeText(bytes: Uint8Array, filename: string): string {
  const known = describeBinary(bytes);
  if (known) throw unsupported(filename, known);
  if (bytes.includes(0)) throw unsupported(filename, "binary data");
  let text: string;
  try {
    // The decoder drops a leading UTF-8 BOM by itself.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      "unsupported_media_type",
      `${quote(filename)} looks like text but is not valid UTF-8 (perhaps Latin-1 or Windows-1252). ` +
        "Save it as UTF-8 and upload it again.",
    );
  }
  if (countControlCharacters(text) > text.length * MAX_CONTROL_SHARE)
    throw unsupported(filename, "binary data");
  return text;
}

function countControlCharacters(text: string): number {
  // Tab, line feed, form feed and carriage return are ordinary in text files.
  return text.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
}

function unsupported(filename: string, what: string): AppError {
  return new AppError("unsupported_media_type", `${quote(filename)} is ${what}, not a document. ${ACCEPTED}`);
}

function quote(filename: string): string {
  const name = filename.length > 80 ? `${filename.slice(0, 77)}...` : filename;
  return name ? `"${name}"` : "The file";
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}
