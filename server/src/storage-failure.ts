// Operating-system codes of a disk that cannot take more bytes, and of one that takes none.
const FULL_CODES = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL"]);
const READ_ONLY_CODES = new Set(["EROFS", "SQLITE_READONLY", "SQLITE_CANTOPEN"]);
// LanceDB (Rust) reports I/O failures as text only: "No space left on device (os error 28)".
const FULL_TEXT = /no space left on device|os error 28\b|disk quota exceeded|database or disk is full/i;
const READ_ONLY_TEXT = /read-only file system|os error 30\b|attempt to write a readonly database/i;
// PostgreSQL's SQLSTATEs (Bun's client puts them in `errno`): disk_full, and a server or standby
// that refuses writes (read_only_sql_transaction).
const PG_FULL = "53100";
const PG_READ_ONLY = "25006";

/**
 * True for an error of the object store holding the vectors or the originals (unreachable, refusing):
 * LanceDB reports it as text ("Generic S3 error: …"), Bun's S3 client as an `S3Error`.
 */
export function objectStoreFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof Error && (current.name === "S3Error" || /Generic S3 error/.test(current.message)))
      return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/**
 * The sentence for an error that means the data dir cannot be written (full, over quota or
 * read-only), or null for any other error. Looks through `cause` chains: Drizzle wraps SQLite's
 * errors, and our own wrappers keep the original as the cause.
 */
export function storageFailure(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    const code = typeof current === "object" ? String((current as { code?: unknown }).code ?? "") : "";
    const sqlState = typeof current === "object" ? String((current as { errno?: unknown }).errno ?? "") : "";
    const text = current instanceof Error ? current.message : String(current);
    if (
      FULL_CODES.has(code) ||
      code.startsWith("SQLITE_FULL") ||
      sqlState === PG_FULL ||
      FULL_TEXT.test(text)
    ) {
      return "The server's disk is full; nothing could be saved. Please try again later.";
    }
    if (
      READ_ONLY_CODES.has(code) ||
      code.startsWith("SQLITE_READONLY") ||
      sqlState === PG_READ_ONLY ||
      READ_ONLY_TEXT.test(text)
    ) {
      return "The server cannot write to its data folder; nothing could be saved. Please try again later.";
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return null;
}
