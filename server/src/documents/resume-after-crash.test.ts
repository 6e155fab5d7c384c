import { afterAll, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { createLanceStore } from "../rag/lance-store";
import { apiClient } from "../testing/api-client";
import { type RunningServer, startServer } from "../testing/spawn-server";

// Long enough that ingestion spans several LanceDB writes, so a kill lands between two of them.
const manual = Array.from({ length: 120 }, (_, i) =>
  [
    `## Appliance model ${i + 1}`,
    "",
    `The model ${i + 1} kettle heats ${i + 2} cups of water in about ${i + 40} seconds.`,
    `Descale it every ${(i % 9) + 2} weeks with the citric acid sachets from the box; rinse twice afterwards.`,
    `The warranty for model ${i + 1} lasts ${(i % 4) + 1} years when registered online within a month.`,
  ].join("\n"),
).join("\n\n");

let server: RunningServer | null = null;
let dataDir = "";
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function rowsOnDisk(businessId: number): Promise<number> {
  const store = await createLanceStore(join(dataDir, "lancedb"));
  try {
    return await store.countRows(businessId);
  } finally {
    await store.close();
  }
}

test("an ingestion interrupted by kill -9 completes after the next start, without duplicate chunks", async () => {
  server = await startServer({ env: { SUPPORTAL_EMBED_WORKERS: "2" } });
  dataDir = server.dataDir;
  const admin = () => apiClient(server!.url, server!.adminToken);
  const crashed = await admin().createBusiness({ name: "Crashed" });
  const control = await admin().createBusiness({ name: "Control" });
  const bytes = new TextEncoder().encode(manual);

  const doc = await admin().uploadDocument(crashed.id, bytes, "manual.md");
  // Kill once some windows are stored but not all of them.
  const deadline = Date.now() + 60_000;
  while ((await rowsOnDiskWhileRunning(crashed.id)) === 0) {
    if (Date.now() > deadline) throw new Error("ingestion never wrote a row");
    await Bun.sleep(100);
  }
  await server.crash();
  const partial = await rowsOnDisk(crashed.id);
  expect(partial).toBeGreaterThan(0);

  server = await startServer({ dataDir, env: { SUPPORTAL_EMBED_WORKERS: "2" } });
  const resumed = await admin().waitForDocument(crashed.id, doc.id, 120_000);
  expect(resumed.status).toBe("ready");

  // The same bytes ingested without interruption give the reference row count.
  const clean = await admin().uploadDocument(control.id, bytes, "manual.md");
  expect((await admin().waitForDocument(control.id, clean.id, 120_000)).status).toBe("ready");
  const reference = (await admin().waitForDocument(control.id, clean.id)).chunkCount;
  expect(resumed.chunkCount).toBe(reference);
  await server.stop();
  server = null;

  const expected = await rowsOnDisk(control.id);
  expect(partial).toBeLessThan(expected);
  expect(await rowsOnDisk(crashed.id)).toBe(expected);
}, 300_000);

/** The row count as seen by a second reader while the server writes; LanceDB allows concurrent readers. */
async function rowsOnDiskWhileRunning(businessId: number): Promise<number> {
  return rowsOnDisk(businessId).catch(() => 0);
}
