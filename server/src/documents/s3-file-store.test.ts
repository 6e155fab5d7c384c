import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { createS3FileStore } from "./s3-file-store";

describe("uploaded originals in an S3 bucket", () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(() => s3.stop());

  const storeAt = (prefix: string) =>
    createS3FileStore(
      {
        uri: `s3://${s3.bucket}/${prefix}`,
        endpoint: s3.endpoint,
        region: "us-east-1",
        accessKeyId: "test-access-key",
        secretAccessKey: "test-secret-key",
      },
      { tempPath: () => "/tmp/unused" },
    );

  test("what one instance puts another reads; removing a business removes only its own", async () => {
    const [a, b] = [storeAt("originals"), storeAt("originals")];
    const bytes = new TextEncoder().encode("# Returns\n\nWithin 30 days.");
    await a.put(1, "aa11", bytes);
    await a.put(1, "bb22", new Uint8Array([1, 2, 3]));
    await a.put(2, "aa11", new Uint8Array([9]));
    expect(await b.read(1, "aa11")).toEqual(bytes);
    await b.remove(1, "bb22");
    await expect(a.read(1, "bb22")).rejects.toThrow();
    await b.removeBusiness(1);
    await expect(a.read(1, "aa11")).rejects.toThrow();
    expect(await a.read(2, "aa11")).toEqual(new Uint8Array([9]));
    // Another prefix of the same bucket is another store.
    await expect(storeAt("elsewhere").read(2, "aa11")).rejects.toThrow();
  });
});
