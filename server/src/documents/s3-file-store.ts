import { S3Client } from "bun";
import type { FileStore } from "./file-store";

/** Where and how to reach the bucket (the `SUPPORTAL_S3_*` options). */
export interface S3Location {
  /** `s3://bucket/prefix` */
  uri: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/**
 * Uploaded originals in an S3 bucket, so that any instance can ingest (or ingest again) a document
 * another instance accepted. Temporary files of uploads in progress stay on the local disk (`tmp`).
 */
export function createS3FileStore(location: S3Location, tmp: { tempPath(): string }): FileStore {
  const { hostname: bucket, pathname } = new URL(location.uri);
  const prefix = pathname.replace(/^\/+|\/+$/g, "");
  const client = new S3Client({
    bucket,
    endpoint: location.endpoint,
    region: location.region,
    accessKeyId: location.accessKeyId,
    secretAccessKey: location.secretAccessKey,
    sessionToken: location.sessionToken,
  });
  const folderOf = (businessId: number) => [prefix, String(businessId)].filter(Boolean).join("/");
  const keyOf = (businessId: number, sha256: string) => `${folderOf(businessId)}/${sha256}`;

  return {
    tempPath: () => tmp.tempPath(),
    async put(businessId, sha256, bytes) {
      await client.write(keyOf(businessId, sha256), bytes);
    },
    async read(businessId, sha256) {
      return new Uint8Array(await client.file(keyOf(businessId, sha256)).arrayBuffer());
    },
    async remove(businessId, sha256) {
      await client.delete(keyOf(businessId, sha256));
    },
    async removeBusiness(businessId) {
      for (;;) {
        const listed = await client.list({ prefix: `${folderOf(businessId)}/` });
        const keys = (listed.contents ?? []).map((entry) => entry.key);
        if (keys.length === 0) return;
        await Promise.all(keys.map((key) => client.delete(key)));
      }
    },
  };
}
