import { describe, expect, test } from "bun:test";
import { loadConfig } from "./env";

describe("SUPPORTAL_VECTOR_URI and the S3 options", () => {
  test("unset: the tables live in the data dir, this instance their only writer", () => {
    const config = loadConfig({ SUPPORTAL_DATA_DIR: "/srv/supportal" });
    if ("errors" in config) throw new Error(config.errors.join("; "));
    expect(config.vectors).toEqual({
      uri: "/srv/supportal/lancedb",
      shared: false,
      storageOptions: {},
      refreshMs: 1000,
    });
  });

  test("s3:// with an endpoint and credentials becomes LanceDB's storage options; plain http is allowed for an http endpoint", () => {
    const config = loadConfig({
      SUPPORTAL_VECTOR_URI: "s3://vectors/supportal",
      SUPPORTAL_S3_ENDPOINT: "http://127.0.0.1:9000",
      SUPPORTAL_S3_REGION: "eu-central-1",
      SUPPORTAL_S3_ACCESS_KEY_ID: "key",
      SUPPORTAL_S3_SECRET_ACCESS_KEY: "secret",
      SUPPORTAL_VECTOR_REFRESH_MS: "250",
    });
    if ("errors" in config) throw new Error(config.errors.join("; "));
    expect(config.vectors).toEqual({
      uri: "s3://vectors/supportal",
      shared: true,
      storageOptions: {
        endpoint: "http://127.0.0.1:9000",
        region: "eu-central-1",
        aws_access_key_id: "key",
        aws_secret_access_key: "secret",
        allow_http: "true",
      },
      refreshMs: 250,
    });
  });

  test("uploaded originals: the data dir by default, or a bucket with the same S3 options", () => {
    const local = loadConfig({ SUPPORTAL_DATA_DIR: "/srv/supportal" });
    if ("errors" in local) throw new Error(local.errors.join("; "));
    expect(local.files.uri).toBe("/srv/supportal/files");
    const config = loadConfig({
      SUPPORTAL_FILES_URI: "s3://originals/supportal",
      SUPPORTAL_S3_ENDPOINT: "http://127.0.0.1:9000",
      SUPPORTAL_S3_ACCESS_KEY_ID: "key",
      SUPPORTAL_S3_SECRET_ACCESS_KEY: "secret",
    });
    if ("errors" in config) throw new Error(config.errors.join("; "));
    expect(config.files).toEqual({
      uri: "s3://originals/supportal",
      s3: { endpoint: "http://127.0.0.1:9000", accessKeyId: "key", secretAccessKey: "secret" },
    });
  });

  test("a directory may be shared too (a mounted volume)", () => {
    const config = loadConfig({ SUPPORTAL_VECTOR_URI: "/mnt/shared/lancedb", SUPPORTAL_S3_REGION: "x" });
    if ("errors" in config) throw new Error(config.errors.join("; "));
    expect(config.vectors).toMatchObject({ uri: "/mnt/shared/lancedb", shared: true, storageOptions: {} });
  });

  test.each([
    [{ SUPPORTAL_VECTOR_URI: "gs://bucket/prefix" }, "SUPPORTAL_VECTOR_URI"],
    [{ SUPPORTAL_VECTOR_URI: "s3://" }, "SUPPORTAL_VECTOR_URI"],
    [{ SUPPORTAL_FILES_URI: "https://example.org/files" }, "SUPPORTAL_FILES_URI"],
    [{ SUPPORTAL_S3_ENDPOINT: "ftp://example.org" }, "SUPPORTAL_S3_ENDPOINT"],
    [{ SUPPORTAL_S3_SECRET_ACCESS_KEY: "secret" }, "SUPPORTAL_S3_SECRET_ACCESS_KEY"],
    [{ SUPPORTAL_VECTOR_REFRESH_MS: "120000" }, "SUPPORTAL_VECTOR_REFRESH_MS"],
  ])("%o stops the start with a message naming %s", (env, variable) => {
    const config = loadConfig(env);
    expect("errors" in config && config.errors.some((line) => line.startsWith(`${variable}:`))).toBe(true);
  });
});
