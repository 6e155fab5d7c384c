import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtemp, open, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DocumentList, ErrorBody, type ServerFrame, Transcript } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { type RunningServer, startServer } from "../testing/spawn-server";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";
import type { FileStore } from "./file-store";

const enospc = () =>
  Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });
const tempFiles = async (dataDir: string) => readdir(join(dataDir, "files", "tmp"));

async function expectInsufficientStorage(response: Response) {
  expect(response.status).toBe(507);
  expect(z.parse(ErrorBody, await response.json()).error.code).toBe("insufficient_storage");
}

describe("a file store that fails with ENOSPC", () => {
  let server: TestServer;
  let diskFull = true;
  beforeAll(async () => {
    server = await startTestServer({
      overrides: {
        files: (disk): FileStore => ({
          ...disk,
          put: async (...args) => (diskFull ? Promise.reject(enospc()) : disk.put(...args)),
        }),
      },
    });
  });
  afterAll(() => server.stop({ removeData: true }));

  test("the upload is a 507 with the JSON body, nothing is half-stored, and it works once there is room", async () => {
    const admin = apiClient(server.url, server.adminToken);
    const { id } = await admin.createBusiness({ name: "Full" });
    const bytes = new TextEncoder().encode(SHOE_FAQ);
    await expectInsufficientStorage(await admin.upload(id, bytes, "faq.md"));
    const listed = z.parse(
      DocumentList,
      await (await admin.call("GET", `/api/businesses/${id}/documents`)).json(),
    );
    expect(listed.documents).toEqual([]);
    expect(await tempFiles(server.dataDir)).toEqual([]);

    diskFull = false;
    const accepted = await admin.upload(id, bytes, "faq.md");
    expect(accepted.status).toBe(202);
  });
});

/** A small tmpfs as the data dir, so the disk really fills up; root and a kernel that allows it only. */
function mountTmpfs(dir: string, size: string): boolean {
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  return result.status === 0;
}

const mountPoint = await mkdtemp(join(tmpdir(), "supportal-tmpfs-"));
const mounted = mountTmpfs(mountPoint, "48m");
if (!mounted)
  console.warn(`[disk-full.test] skipped the tmpfs tests: cannot mount a tmpfs on ${mountPoint} here`);

describe.skipIf(!mounted)("the data dir on a full tmpfs", () => {
  let server: RunningServer;
  let admin: ReturnType<typeof apiClient>;
  let businessId: number;
  const filler = join(mountPoint, "filler");

  /** Writes until the disk refuses, as a full disk does. */
  async function fillDisk() {
    const piece = new Uint8Array(64 * 1024);
    const handle = await open(filler, "w");
    try {
      for (;;) await handle.write(piece);
    } catch (error) {
      expect(error).toMatchObject({ code: "ENOSPC" });
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    server = await startServer({ dataDir: join(mountPoint, "data") });
    admin = apiClient(server.url, server.adminToken);
    businessId = (await admin.createBusiness({ name: "Tiny disk" })).id;
  });
  afterAll(async () => {
    await server?.stop();
    spawnSync("umount", [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  test("uploads get 507 and leave no temp file; the server stays up; chat never loses a message silently", async () => {
    await fillDisk();
    const big = new TextEncoder().encode(`# Manual\n\n${"Our shop sells shoes and boots. ".repeat(20_000)}`);
    await expectInsufficientStorage(await admin.upload(businessId, big, "manual.md"));
    expect(await tempFiles(server.dataDir)).toEqual([]);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const session = newSessionId();
    const socket = await openSocket(`${server.url.replace("http", "ws")}/ws/chat/${businessId}/${session}`);
    socket.send({ type: "user", message: "Do you sell boots?" });
    // Stored (the database had room left in its pages) and echoed, or refused with an error frame.
    const first = await socket.next(
      (f: ServerFrame) => f.type === "error" || (f.type === "message" && f.sender === "user"),
    );
    if (first.type === "error") expect(first.code).toBe("insufficient_storage");
    await socket.close();
    const transcript = await admin.call("GET", `/api/businesses/${businessId}/sessions/${session}`);
    const stored = transcript.status === 200 ? z.parse(Transcript, await transcript.json()).messages : [];
    expect(stored.some((m) => m.message === "Do you sell boots?")).toBe(first.type === "message");

    await rm(filler);
    expect((await admin.upload(businessId, big, "manual.md")).status).toBe(202);

    expect(server.logs()).not.toMatch(/^\s+at /m);
  });
});
