import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Document, ErrorBody, SearchAnswer } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { makeHugeDocx, makePdfInflateBomb } from "../testing/hostile-files";
import { type RunningServer, startServer } from "../testing/spawn-server";

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
});

function attemptsOnDisk(dataDir: string, documentId: number): number {
  const db = new Database(join(dataDir, "supportal.sqlite"), { readonly: true });
  try {
    const row = db.query("select ingest_attempts as n from documents where id = ?").get(documentId) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}

async function uploaded(response: Response): Promise<Document> {
  expect(response.status).toBe(202);
  return Document.parse(await response.json());
}

test("hostile uploads fail with a reason while the server stays up and other tenants' documents ingest", async () => {
  const server = await startServer({
    // A small budget, so that a DOCX under every archive cap still runs the sandbox out of memory.
    env: { SUPPORTAL_EXTRACT_MEMORY_MB: "150", SUPPORTAL_INGEST_MAX_ATTEMPTS: "2" },
  });
  servers.push(server);
  const admin = apiClient(server.url, server.adminToken);
  const attacker = await admin.createBusiness({ name: "Attacker" });
  const victim = await admin.createBusiness({ name: "Victim" });

  // 3 MB on disk, 3 GB once inflated: this took the whole server down (6 GB resident) before.
  const bomb = await uploaded(await admin.upload(attacker.id, makePdfInflateBomb(3000), "bomb.pdf"));
  // 20 MB of XML in a 1.6 MB file: past the XML cap, which the upload's own DOCX check applies.
  const markup = await admin.upload(attacker.id, makeHugeDocx(20), "markup.docx");
  expect(markup.status).toBe(400);
  expect(ErrorBody.parse(await markup.json()).error.message).toContain("more than 12 MB of text markup");
  // 4 MB of XML: under every cap, but ~280 MB for mammoth to parse: past the 150 MB budget.
  const heavy = await uploaded(await admin.upload(attacker.id, makeHugeDocx(4), "heavy.docx"));
  const faq = new TextEncoder().encode("# Opening hours\n\nThe shop opens at nine and closes at five.");
  const honest = await uploaded(await admin.upload(victim.id, faq, "hours.md"));

  expect((await admin.waitForDocument(victim.id, honest.id, 120_000)).status).toBe("ready");
  const found = SearchAnswer.parse(
    await (
      await admin.call("POST", `/api/businesses/${victim.id}/search`, { query: "when does the shop open" })
    ).json(),
  );
  expect(found.results[0]?.text).toContain("opens at nine");

  const bombed = await admin.waitForDocument(attacker.id, bomb.id, 120_000);
  expect(bombed.status).toBe("failed");
  expect(bombed.error).toContain("expands to more than 100 MB when its streams are unpacked");
  const heaved = await admin.waitForDocument(attacker.id, heavy.id, 120_000);
  expect(heaved.status).toBe("failed");
  expect(heaved.error).toBe(
    "Extracting its text needed more than 150 MB of memory (2 attempts); the file is too large or malformed. " +
      "It will not be tried again: delete it and upload it again to retry.",
  );
  expect(attemptsOnDisk(server.dataDir, heavy.id)).toBe(2);
  expect(attemptsOnDisk(server.dataDir, bomb.id)).toBe(1);

  // Still the same process, still answering.
  expect(server.exitCode()).toBeNull();
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
}, 300_000);

// Long enough that its ingestion takes several seconds, so a kill lands while it is processing.
const manual = Array.from({ length: 300 }, (_, i) =>
  [
    `## Appliance model ${i + 1}`,
    "",
    `The model ${i + 1} kettle heats ${i + 2} cups of water in about ${i + 40} seconds.`,
    `Descale it every ${(i % 9) + 2} weeks with the citric acid sachets from the box; rinse twice afterwards.`,
  ].join("\n"),
).join("\n\n");

test("a document the server keeps dying on is given up after the allowed attempts, not retried at every start", async () => {
  const env = { SUPPORTAL_INGEST_MAX_ATTEMPTS: "2" };
  let server = await startServer({ env });
  servers.push(server);
  const dataDir = server.dataDir;
  const admin = () => apiClient(server.url, server.adminToken);
  const business = await admin().createBusiness({ name: "Crashy" });
  const doc = await uploaded(
    await admin().upload(business.id, new TextEncoder().encode(manual), "manual.md"),
  );

  // The server dies during each of the two allowed attempts (as an OOM kill would do it).
  for (let attempt = 1; attempt <= 2; attempt++) {
    await waitForAttempt(dataDir, doc.id, attempt);
    await server.crash();
    expect(attemptsOnDisk(dataDir, doc.id)).toBe(attempt);
    server = await startServer({ dataDir, env });
    servers.push(server);
  }
  const given = await admin().waitForDocument(business.id, doc.id, 60_000);
  expect(given.status).toBe("failed");
  expect(given.error).toBe(
    "Processing stopped unfinished 2 times (the server stopped or crashed during it). " +
      "It will not be tried again: delete it and upload it again to retry.",
  );
  // And it stays given up: the next start does not touch it.
  await server.stop();
  server = await startServer({ dataDir, env });
  servers.push(server);
  await Bun.sleep(500);
  const after = Document.parse(
    await (await admin().call("GET", `/api/businesses/${business.id}/documents/${doc.id}`)).json(),
  );
  expect(after.status).toBe("failed");
  expect(after.updatedAt).toBe(given.updatedAt);
  expect(attemptsOnDisk(dataDir, doc.id)).toBe(2);
}, 300_000);

/** Waits until the document's attempt `n` has started (counted on disk before any work). */
async function waitForAttempt(dataDir: string, documentId: number, n: number) {
  const deadline = Date.now() + 60_000;
  while (attemptsOnDisk(dataDir, documentId) < n) {
    if (Date.now() > deadline) throw new Error(`attempt ${n} of document ${documentId} never started`);
    await Bun.sleep(20);
  }
}

test("stopping the server mid-ingestion does not use up an attempt", async () => {
  let server = await startServer();
  servers.push(server);
  const dataDir = server.dataDir;
  const admin = () => apiClient(server.url, server.adminToken);
  const business = await admin().createBusiness({ name: "Restarted" });
  // Stopped as soon as its attempt starts: a third of the manual is plenty.
  const part = manual.slice(0, Math.floor(manual.length / 3));
  const doc = await uploaded(await admin().upload(business.id, new TextEncoder().encode(part), "manual.md"));
  await waitForAttempt(dataDir, doc.id, 1);
  await server.stop();
  expect(attemptsOnDisk(dataDir, doc.id)).toBe(0);
  server = await startServer({ dataDir });
  servers.push(server);
  expect((await admin().waitForDocument(business.id, doc.id, 120_000)).status).toBe("ready");
  expect(attemptsOnDisk(dataDir, doc.id)).toBe(1);
}, 300_000);
