import { rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { apiClient, readBody } from "../../server/src/testing/api-client";
import { startTestServer, type TestServer } from "../../server/src/testing/test-server";
import { type BusinessWithKey, Document } from "../../shared/src/index";
import { atEnd } from "./cleanup";
import { WORK_DIR } from "./corpus";
import { cpuMs } from "./stats";

export interface FaqServer {
  server: TestServer;
  business: BusinessWithKey;
  document: Document;
  /** From the upload request to the document's first "ready" poll. */
  uploadToReadyMs: number;
  /**
   * From the upload request to the first poll that found every row (window) stored: searchable in
   * full. Offline, `ready` comes later, once the answer sentences' vectors are stored too.
   */
  uploadToSearchableMs: number;
  uploadToSearchableCpuMs: number;
  /** CPU time the process (server, embedding workers, LanceDB) spent meanwhile. */
  uploadToReadyCpuMs: number;
}

let shared: Promise<FaqServer> | null = null;

/**
 * A real server (HTTP, offline providers with the production worker count) with `pdfPath` uploaded
 * over HTTP and ingested; started once per run and shared by the benchmarks that need it.
 */
export function faqServer(pdfPath: string): Promise<FaqServer> {
  shared ??= start(pdfPath);
  return shared;
}

async function start(pdfPath: string): Promise<FaqServer> {
  const dataDir = join(WORK_DIR, "faq-server");
  await rm(dataDir, { recursive: true, force: true });
  const server = await startTestServer({
    dataDir,
    // The production default (see env.ts and offline-embedder.ts), not the tests' single worker.
    env: { SUPPORTAL_EMBED_WORKERS: String(Math.min(2, availableParallelism())) },
  });
  atEnd(() => server.stop({ removeData: true }));
  const admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Debian FAQ bench" });
  const bytes = new Uint8Array(await Bun.file(pdfPath).arrayBuffer());
  const t0 = performance.now();
  const cpu0 = cpuMs();
  const response = await admin.upload(business.id, bytes, "debian-faq.pdf");
  if (response.status !== 202) throw new Error(`upload: HTTP ${response.status} ${await response.text()}`);
  const accepted = await readBody(response, Document);
  // Rows stored, polled beside the status, to tell when the last window was in.
  const samples: { ms: number; cpuMs: number; rows: number }[] = [];
  let settled = false;
  const polling = (async () => {
    while (!settled) {
      const rows = await server.deps.store.countRows(business.id);
      samples.push({ ms: performance.now() - t0, cpuMs: cpuMs() - cpu0, rows });
      await Bun.sleep(50);
    }
  })();
  const document = await admin.waitForDocument(business.id, accepted.id, 600_000);
  const uploadToReadyMs = performance.now() - t0;
  const uploadToReadyCpuMs = cpuMs() - cpu0;
  settled = true;
  await polling;
  if (document.status !== "ready") throw new Error(`ingestion failed: ${JSON.stringify(document)}`);
  const rows = await server.deps.store.countRows(business.id);
  const searchable = samples.find((sample) => sample.rows === rows);
  return {
    server,
    business,
    document,
    uploadToReadyMs,
    uploadToReadyCpuMs,
    uploadToSearchableMs: searchable?.ms ?? uploadToReadyMs,
    uploadToSearchableCpuMs: searchable?.cpuMs ?? uploadToReadyCpuMs,
  };
}
