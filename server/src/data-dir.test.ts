import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "./testing/api-client";
import { SHOE_FAQ } from "./testing/fixtures";
import { startServer } from "./testing/spawn-server";

const root = join(import.meta.dir, "..", "..");
const scratch = await mkdtemp(join(tmpdir(), "supportal-datadir-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Runs the real entry on `dataDir` until it exits by itself. */
function startOn(dataDir: string) {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: "0",
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_ADMIN_TOKEN: "datadir-admin-token-0123456789",
  };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  const result = spawnSync("bun", ["server/src/index.ts"], { cwd: root, env, timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function expectOneClearLine(run: { status: number | null; output: string }, dataDir: string) {
  expect(run.status).toBe(1);
  const lines = run.output.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toStartWith("Supportal cannot start: the data dir");
  expect(lines[0]).toContain(dataDir);
}

describe("an unwritable data dir", () => {
  test("a path that cannot be a folder: one line naming it, no stack trace", async () => {
    const file = join(scratch, "a-file");
    await writeFile(file, "not a folder");
    const dataDir = join(file, "data");
    expectOneClearLine(startOn(dataDir), dataDir);
  });

  const readOnly = join(scratch, "read-only");
  const mounted =
    spawnSync("mkdir", ["-p", readOnly]).status === 0 &&
    spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly]).status === 0;
  if (!mounted) console.warn("[data-dir.test] skipped the read-only disk test: cannot mount a tmpfs here");
  test.skipIf(!mounted)("a read-only disk: one line naming it, no stack trace", () => {
    try {
      const dataDir = join(readOnly, "data");
      expectOneClearLine(startOn(dataDir), dataDir);
    } finally {
      spawnSync("umount", [readOnly]);
    }
  });
});

/** Every folder and file under `dir` with its permission bits. */
async function modes(dir: string): Promise<{ path: string; mode: number; folder: boolean }[]> {
  const found = [{ path: dir, mode: (await stat(dir)).mode & 0o777, folder: true }];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found.push({ path, mode: (await stat(path)).mode & 0o777, folder: entry.isDirectory() });
  }
  return found;
}

describe("permissions", () => {
  test("the data dir is 0700 and the database, uploads and LanceDB files 0600, old ones tightened", async () => {
    const dataDir = join(scratch, "data");
    // As an older version left it: world-readable.
    await mkdir(dataDir, { mode: 0o755 });
    await writeFile(join(dataDir, "admin-token"), "datadir-admin-token-0123456789\n", { mode: 0o644 });
    await chmod(dataDir, 0o755);
    const server = await startServer({ dataDir });
    try {
      const admin = apiClient(server.url, server.adminToken);
      const { id } = await admin.createBusiness({ name: "Private" });
      const response = await admin.upload(id, new TextEncoder().encode(SHOE_FAQ), "faq.md");
      const uploaded = z.parse(Document, await response.json());
      expect((await admin.waitForDocument(id, uploaded.id)).status).toBe("ready");
    } finally {
      await server.stop();
    }
    const found = await modes(dataDir);
    expect(found.some((entry) => entry.path.endsWith("supportal.sqlite"))).toBe(true);
    expect(found.some((entry) => entry.path.includes("lancedb") && !entry.folder)).toBe(true);
    expect(found.some((entry) => entry.path.includes(`${join("files", "1")}/`))).toBe(true);
    const open = found.filter((entry) => entry.mode !== (entry.folder ? 0o700 : 0o600));
    expect(open.map((entry) => `${entry.path} ${entry.mode.toString(8)}`)).toEqual([]);
  });
});
