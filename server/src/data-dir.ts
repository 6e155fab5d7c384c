import { chmod, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Only the server's own user may read customers' transcripts, documents and keys. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The mask that gives every file the server creates (SQLite, LanceDB, uploads) those modes. */
export const PRIVATE_UMASK = 0o077;

/** Refuses to start on a data dir that cannot be written: named, with the system's reason. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(`the data dir ${dir} cannot be written (${reason})`);
    this.name = "DataDirError";
  }
}

/**
 * Creates the data dir owner-only, tightens one left by an older version (its top-level files and
 * folders; a folder at 0700 closes everything inside it), and proves it writable before anything
 * else opens a file in it.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    await chmod(dir, PRIVATE_DIR_MODE);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      await chmod(join(dir, entry.name), entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
    }
    const probe = join(dir, `.write-test-${process.pid}`);
    await Bun.write(probe, "ok");
    await rm(probe, { force: true });
  } catch (error) {
    // The system's message names the code and the path: "EROFS: read-only file system, open '…'".
    throw new DataDirError(dir, error instanceof Error ? error.message : String(error));
  }
}
