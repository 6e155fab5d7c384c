import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiClient } from "../testing/api-client";
import { createTestDatabase, postgresUnavailable, type TestDatabase } from "../testing/test-database";
import { startTestServer, type TestServer } from "../testing/test-server";

/**
 * Two real server instances (each with its own data dir and instance id) on one PostgreSQL database,
 * one shared vector directory and one shared directory of originals, as several instances run.
 */
const skip = postgresUnavailable();
if (skip) console.warn(`[ingest-across-instances] ${skip}`);

const LEASE_MS = 30_000;
const FAQ = Array.from(
  { length: 40 },
  (_, i) => `## Question ${i + 1}\n\nThe answer to question ${i + 1} is ${i + 7}.`,
).join("\n\n");

describe.skipIf(Boolean(skip))("ingestion across instances on one database", () => {
  let database: TestDatabase;
  let shared: string;
  // Instance B's clock runs this far ahead: a lease it finds is as old as the test says.
  let bAhead = 0;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    shared = await mkdtemp(join(tmpdir(), "supportal-shared-"));
    const env = {
      SUPPORTAL_DATABASE_URL: database.url,
      SUPPORTAL_VECTOR_URI: join(shared, "vectors"),
      SUPPORTAL_FILES_URI: join(shared, "files"),
    };
    a = await startTestServer({ env, overrides: { ingestLeaseMs: LEASE_MS } });
    b = await startTestServer({
      env,
      overrides: { ingestLeaseMs: LEASE_MS, now: () => new Date(Date.now() + bAhead) },
    });
  });
  afterAll(async () => {
    await a?.stop({ removeData: true });
    await b?.stop({ removeData: true });
    await database?.drop();
    await rm(shared, { recursive: true, force: true });
  });

  test("a document both instances reach for at once is ingested exactly once", async () => {
    const admin = apiClient(a.url, a.adminToken);
    const business = await admin.createBusiness({ name: "Raced" });
    const doc = await admin.uploadDocument(business.id, new TextEncoder().encode(FAQ), "faq.md");
    // A queued it on upload; B looks for unclaimed documents at the same moment, and queues it too.
    b.deps.ingestion.enqueue(doc.id, business.id);
    await b.deps.ingestion.claimOrphans();
    const ready = await admin.waitForDocument(business.id, doc.id);
    expect(ready.status).toBe("ready");
    await Promise.all([a.deps.ingestion.idle(), b.deps.ingestion.idle()]);
    // A job that reaches the document once the other instance is done leaves it as it is.
    b.deps.ingestion.enqueue(doc.id, business.id);
    await b.deps.ingestion.idle();
    const row = await a.deps.repos.documents.findDocumentById(doc.id);
    // One attempt started, on one instance; the other never touched the row or the table.
    expect(row?.ingestAttempts).toBe(1);
    expect(await a.deps.store.countRows(business.id)).toBe(await b.deps.store.countRows(business.id));
    expect(await b.deps.store.countRows(business.id)).toBeGreaterThan(0);
    const again = await apiClient(b.url, b.adminToken).call("POST", `/api/businesses/${business.id}/search`, {
      query: "question 12",
    });
    expect(again.status).toBe(200);
  });

  test("a crashed instance's business is taken over once its lease has run out, not before", async () => {
    const admin = apiClient(a.url, a.adminToken);
    const business = await admin.createBusiness({ name: "Orphaned" });
    // What kill -9 leaves behind: the lease of an instance that will never renew or release it.
    const now = new Date();
    expect(
      await a.deps.repos.ingestLeases.claim({
        businessId: business.id,
        documentId: 0,
        owner: "crashed-instance",
        now: now.toISOString(),
        until: new Date(now.getTime() + LEASE_MS).toISOString(),
      }),
    ).toBe(true);
    const doc = await admin.uploadDocument(business.id, new TextEncoder().encode(FAQ), "faq.md");
    await a.deps.ingestion.idle();
    // A's own job found the business held and left it; B, 20 s later, still finds it held.
    bAhead = 20_000;
    await b.deps.ingestion.claimOrphans();
    await b.deps.ingestion.idle();
    expect((await a.deps.repos.documents.findDocumentById(doc.id))?.status).toBe("pending");
    // Past the lease: B takes the business over and ingests the document.
    bAhead = LEASE_MS + 1_000;
    expect(await b.deps.ingestion.claimOrphans()).toBeGreaterThanOrEqual(1);
    const ready = await admin.waitForDocument(business.id, doc.id);
    expect(ready.status).toBe("ready");
    expect((await a.deps.repos.documents.findDocumentById(doc.id))?.ingestAttempts).toBe(1);
    bAhead = 0;
  });
});
