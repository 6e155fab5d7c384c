import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { BusinessWithKey, DocumentList, ErrorBody, type ErrorCode } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { type RunningServer, startServer } from "../testing/spawn-server";

// The real entry (`server/src/index.ts`) in its own process: Bun's own limits are set there.
let server: RunningServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
const MAX_FILE_SIZE = 64 * 1024;
const tempDir = () => join(server.dataDir, "files", "tmp");

beforeAll(async () => {
  server = await startServer({ env: { SUPPORTAL_MAX_FILE_SIZE: String(MAX_FILE_SIZE) } });
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Limits" })).id;
});
afterAll(async () => {
  await server.stop();
  await rm(server.dataDir, { recursive: true, force: true });
});

/** A refusal must carry the contract's body, whatever refused it. */
async function expectRefusal(response: Response, status: number, code: ErrorCode) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  expect(z.parse(ErrorBody, await response.json()).error.code).toBe(code);
}

describe("every refusal carries the JSON error body", () => {
  test("headers over 16 KB: 431 headers_too_large", async () => {
    const response = await fetch(`${server.url}/health`, { headers: { "x-padding": "y".repeat(20_000) } });
    await expectRefusal(response, 431, "headers_too_large");
    // Ordinary headers still pass.
    expect(
      (await fetch(`${server.url}/health`, { headers: { "x-padding": "y".repeat(8_000) } })).status,
    ).toBe(200);
  });

  test("an upload far over the file limit: 413 payload_too_large", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(MAX_FILE_SIZE + 2 * 1024 * 1024).fill(65)], "big.txt"));
    const response = await fetch(`${server.url}/api/businesses/${businessId}/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: form,
    });
    await expectRefusal(response, 413, "payload_too_large");
  });

  test("a JSON body over its limit, declared or streamed without a length: 413", async () => {
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    const declared = await admin.call("POST", "/api/businesses", JSON.parse(big));
    await expectRefusal(declared, 413, "payload_too_large");
    const streamed = await fetch(`${server.url}/api/businesses`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: new Blob([big]).stream(),
    });
    await expectRefusal(streamed, 413, "payload_too_large");
  });
});

describe("response headers", () => {
  test("JSON answers and refusals are nosniff; answers with a key are no-store", async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    const created = await admin.call("POST", "/api/businesses", { name: "Keys" });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.headers.get("x-content-type-options")).toBe("nosniff");
    const { id } = z.parse(BusinessWithKey, await created.json());
    const rotated = await admin.call("POST", `/api/businesses/${id}/api-key`);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    const refused = await fetch(`${server.url}/api/businesses`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    // The widget's public config stays cacheable.
    const config = await fetch(`${server.url}/api/public/businesses/${id}/config`);
    expect(config.headers.get("cache-control")).toContain("max-age");
  });
});

/** Opens a raw upload and sends part of its multipart body; `leave()` resets the connection. */
async function partialUpload(options: { businessId: number; chunked: boolean; bytesSent: number }) {
  const url = new URL(server.url);
  const boundary = "----supportal-abort-test";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="faq.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.on("error", () => undefined);
  const framing = options.chunked
    ? "Transfer-Encoding: chunked"
    : `Content-Length: ${head.length + MAX_FILE_SIZE / 2 + boundary.length + 8}`;
  socket.write(
    [
      `POST /api/businesses/${options.businessId}/documents HTTP/1.1`,
      `Host: ${url.host}`,
      `Authorization: Bearer ${server.adminToken}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      framing,
      "",
      "",
    ].join("\r\n"),
  );
  const body = head + "a".repeat(options.bytesSent);
  socket.write(options.chunked ? `${body.length.toString(16)}\r\n${body}\r\n` : body);
  return {
    leave: () => socket.resetAndDestroy(),
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await Bun.sleep(20)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a client that leaves in the middle of its upload", () => {
  for (const chunked of [false, true]) {
    test(`${chunked ? "streamed (chunked)" : "with a declared length"}: one log line, no stack, nothing stored, the server goes on`, async () => {
      const { id } = await admin.createBusiness({ name: `Aborted ${chunked}` });
      const before = server.logs().length;
      const upload = await partialUpload({ businessId: id, chunked, bytesSent: 20_000 });
      // The server has taken the request once its temp file exists.
      await waitFor(async () => ((await readdir(tempDir())).length > 0 ? true : undefined), "the temp file");
      upload.leave();
      const line = await waitFor(
        () => /^.*the client left after \d+ bytes.*$/m.exec(server.logs().slice(before))?.[0],
        "the log line",
      );
      await waitFor(
        async () => ((await readdir(tempDir())).length === 0 ? true : undefined),
        "the temp file's removal",
      );
      const logged = server.logs().slice(before).trim().split("\n");
      expect(logged).toEqual([line]);
      expect(line).not.toMatch(/\bat\s|Error|unexpected/);
      expect(server.exitCode()).toBeNull();
      const listed = z.parse(
        DocumentList,
        await (await admin.call("GET", `/api/businesses/${id}/documents`)).json(),
      );
      expect(listed.documents).toEqual([]);
      // The same upload, sent whole, goes through.
      const whole = await admin.upload(
        id,
        new TextEncoder().encode("Returns within thirty days."),
        "faq.txt",
      );
      expect(whole.status).toBe(202);
    });
  }
});
