import { Unzip, UnzipInflate } from "fflate";
import { AppError } from "../errors";
import { listZipEntries } from "./zip-entries";

/** Real inflated bytes allowed across all entries of one DOCX. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Entries allowed in one DOCX; Word writes a few dozen. */
export const MAX_DOCX_ENTRIES = 2000;
/**
 * Inflated bytes per archive byte read, checked once RATIO_CHECK_AFTER_BYTES have inflated. Word's XML
 * packs about 10:1 and pictures barely at all; deflate's ceiling is about 1032:1. Refusing a bomb on its
 * ratio spares inflating it all the way to the size cap.
 */
export const MAX_DOCX_EXPANSION_RATIO = 500;
const RATIO_CHECK_AFTER_BYTES = 16 * 1024 * 1024;
/**
 * Inflated bytes of the archive's XML parts (the text mammoth parses). mammoth holds about 60 bytes per
 * XML byte while it converts: 16 MB of paragraphs (12 million characters) peaked at 1.0 GB resident,
 * 4 MB at 0.28 GB (measured in the extraction sandbox, `bun --smol`), so 12 MB stays clear of the
 * sandbox's default 1024 MB budget. Word writes 5-20 KB of XML a page.
 */
export const MAX_DOCX_XML_BYTES = 12 * 1024 * 1024;

export interface DocxGuardLimits {
  maxUncompressedBytes?: number;
  maxEntries?: number;
  maxExpansionRatio?: number;
  maxXmlBytes?: number;
}

// Deflate expands at most about 1032:1, so a 4 KB push yields at most about 4 MB: the guard's memory stays
// small however big the bomb.
const PUSH_BYTES = 4096;

/**
 * Refuses a DOCX that would inflate past the limits, before mammoth (which trusts the archive) sees it.
 * Every entry is inflated as a stream and its real bytes counted: declared sizes are never trusted.
 */
export function guardDocx(bytes: Uint8Array, limits: DocxGuardLimits = {}): void {
  const maxBytes = limits.maxUncompressedBytes ?? MAX_DOCX_UNCOMPRESSED_BYTES;
  const maxEntries = limits.maxEntries ?? MAX_DOCX_ENTRIES;
  const maxRatio = limits.maxExpansionRatio ?? MAX_DOCX_EXPANSION_RATIO;
  const maxXml = limits.maxXmlBytes ?? MAX_DOCX_XML_BYTES;
  const declared = listZipEntries(bytes);
  if (declared.length > maxEntries) throw tooManyEntries(maxEntries);
  // Declared sizes may lie low, never usefully high: a quick refusal for honest bombs, nothing more.
  if (declared.reduce((sum, entry) => sum + entry.declaredSize, 0) > maxBytes) throw tooBig(maxBytes);

  const streamed = new Set<string>();
  let entries = 0;
  let total = 0;
  let xml = 0;
  let read = 0;
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > maxEntries) throw tooManyEntries(maxEntries);
    streamed.add(file.name);
    const isXml = /\.(xml|rels)$/i.test(file.name);
    file.ondata = (error, data) => {
      // fflate hands errors thrown here back to this callback, so ours arrive as `error` too.
      if (error) throw error instanceof AppError ? error : damaged();
      total += data.length;
      if (isXml) xml += data.length;
      if (xml > maxXml) throw tooMuchXml(maxXml);
      if (total > maxBytes) throw tooBig(maxBytes);
      if (total > RATIO_CHECK_AFTER_BYTES && total > read * maxRatio) throw tooDense(maxRatio);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length; offset += PUSH_BYTES) {
      read = Math.min(bytes.length, offset + PUSH_BYTES);
      unzip.push(bytes.subarray(offset, offset + PUSH_BYTES), offset + PUSH_BYTES >= bytes.length);
    }
  } catch (error) {
    throw error instanceof AppError ? error : damaged();
  }
  // mammoth reads the central directory, this guard the local entries: an entry only the directory knows
  // would slip past the count above (overlapping-entry bombs do exactly that).
  if (declared.some((entry) => !streamed.has(entry.name))) {
    throw new AppError(
      "invalid_file",
      "The DOCX archive is inconsistent (its directory lists hidden entries).",
    );
  }
}

function tooBig(maxBytes: number): AppError {
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  return new AppError(
    "invalid_file",
    `The DOCX expands to more than ${megabytes} MB when unpacked, which is not a normal document (a zip bomb?).`,
  );
}

function tooMuchXml(maxXml: number): AppError {
  const megabytes = Math.round(maxXml / (1024 * 1024));
  return new AppError(
    "invalid_file",
    `The DOCX holds more than ${megabytes} MB of text markup (XML) once unpacked; split it into smaller documents.`,
  );
}

function tooDense(maxRatio: number): AppError {
  return new AppError(
    "invalid_file",
    `The DOCX expands more than ${maxRatio}-fold when unpacked, which is not a normal document (a zip bomb?).`,
  );
}

function tooManyEntries(maxEntries: number): AppError {
  return new AppError(
    "invalid_file",
    `The DOCX archive holds more than ${maxEntries} files, which is not a normal document.`,
  );
}

function damaged(): AppError {
  return new AppError("invalid_file", "The DOCX archive is damaged and cannot be unpacked.");
}
