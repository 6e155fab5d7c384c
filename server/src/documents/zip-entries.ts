import { unzipSync } from "fflate";
import { AppError } from "../errors";

/** An entry as the zip's central directory declares it: nothing here has been inflated or verified. */
export interface ZipEntryInfo {
  name: string;
  declaredSize: number;
}

/**
 * Reads the central directory only. The filter refuses every entry, so fflate inflates nothing: listing a
 * zip bomb costs no more than listing a letter.
 */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, declaredSize: file.originalSize });
        return false;
      },
    });
  } catch {
    throw new AppError("invalid_file", "The file is a ZIP archive (as DOCX files are) but it is damaged.");
  }
  return entries;
}
