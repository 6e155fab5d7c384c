import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Where uploaded originals live; names come from content hashes, never from the client. */
export interface FileStore {
  /** A fresh path for a temporary file, on the same disk as the store. */
  tempPath(): string;
  put(businessId: number, sha256: string, bytes: Uint8Array): Promise<void>;
  read(businessId: number, sha256: string): Promise<Uint8Array>;
  remove(businessId: number, sha256: string): Promise<void>;
  removeBusiness(businessId: number): Promise<void>;
}

export async function createDiskFileStore(root: string): Promise<FileStore> {
  const tmp = join(root, "tmp");
  await mkdir(tmp, { recursive: true });
  // Leftovers of uploads cut short by a crash are never needed again.
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const pathOf = (businessId: number, sha256: string) => join(root, String(businessId), sha256);

  return {
    tempPath: () => join(tmp, crypto.randomUUID()),
    async put(businessId, sha256, bytes) {
      await mkdir(join(root, String(businessId)), { recursive: true });
      await Bun.write(pathOf(businessId, sha256), bytes);
    },
    async read(businessId, sha256) {
      return new Uint8Array(await Bun.file(pathOf(businessId, sha256)).arrayBuffer());
    },
    async remove(businessId, sha256) {
      await rm(pathOf(businessId, sha256), { force: true });
    },
    async removeBusiness(businessId) {
      await rm(join(root, String(businessId)), { recursive: true, force: true });
    },
  };
}
