import { afterAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, SearchAnswer } from "@supportal/shared";
import { sentencesToEmbed } from "../chat/extractive-answerer";
import { hashSentence } from "../chat/sentence-vector-repo";
import type { Embedder, EmbedPriority } from "../providers/embedder";
import { priorityOf } from "../providers/embedder";
import { apiClient, readBody } from "../testing/api-client";
import { stubEmbedding } from "../testing/openai-stub";
import { suiteOnPostgres } from "../testing/test-database";
import { startTestServer, type TestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

/**
 * The loopback bag of words, with the sentence steps' calls (bulk priority: windows are embedded at
 * the default one, questions urgently) held back while `held` is set.
 */
function gatedEmbedder() {
  const calls: { texts: string[]; priority: EmbedPriority | undefined }[] = [];
  let held = false;
  /** Bulk calls let through before `held` takes effect. */
  let free = 0;
  let release: () => void = () => {};
  let gate = Promise.resolve();
  let waiting = 0;
  const embedder: Embedder = {
    id: "gated-bag-of-words",
    async embed(texts, options) {
      const priority = priorityOf(options);
      calls.push({ texts, priority });
      if (priority === "bulk" && held && free-- <= 0) {
        waiting++;
        await gate;
        waiting--;
      }
      return texts.map((text) => stubEmbedding(text));
    },
  };
  return {
    embedder,
    calls,
    bulkCalls: () => calls.filter((c) => c.priority === "bulk").length,
    waiting: () => waiting,
    hold(letThrough = 0) {
      held = true;
      free = letThrough;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release() {
      held = false;
      release();
    },
  };
}

const servers: TestServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop({ removeData: true }).catch(() => undefined);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const encoder = new TextEncoder();
/** Sections of several distinct sentences each: some hundreds of sentences, several groups of 64. */
function manual(word: string, sections = 60): string {
  return Array.from({ length: sections }, (_, i) =>
    [
      `## ${word} topic ${i}`,
      "",
      `The ${word} unit ${i} needs a ${i % 9} mm wrench to open.`,
      `Its ${word} filter ${i} is cleaned every ${(i % 5) + 2} weeks with warm water.`,
      `Replacement ${word} parts ${i} ship within ${(i % 4) + 1} days of the order.`,
      `Call the ${word} desk about model ${i} between nine and five.`,
    ].join("\n"),
  ).join("\n\n");
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await Bun.sleep(10);
  }
}

function documentOf(server: TestServer, businessId: number, documentId: number) {
  return apiClient(server.url, server.adminToken).get(
    Document,
    "GET",
    `/api/businesses/${businessId}/documents/${documentId}`,
  );
}

/** Every sentence the answerer would read of the document's stored chunks, and whether each is stored. */
async function sentencesStored(server: TestServer, businessId: number, documentId: number) {
  const admin = apiClient(server.url, server.adminToken);
  const { results } = await admin.get(SearchAnswer, "POST", `/api/businesses/${businessId}/search`, {
    query: "wrench filter parts desk",
    k: 50,
  });
  const ours = results.filter((r) => r.documentId === documentId);
  const wanted = new Set(ours.flatMap((r) => sentencesToEmbed(r.text)).map(hashSentence));
  const have = await server.deps.repos.sentenceVectors.hashesOf(documentId, server.deps.embedder.id);
  return { wanted: wanted.size, missing: [...wanted].filter((h) => !have.has(h)).length, have };
}

test("a document deleted while its sentence steps run leaves no sentence vectors, no rows, and no 5xx", async () => {
  const gated = gatedEmbedder();
  const server = await startTestServer({ overrides: { embedder: gated.embedder } });
  servers.push(server);
  const admin = apiClient(server.url, server.adminToken);
  const { id } = await admin.createBusiness({ name: "Deleter" });
  gated.hold();
  const doc = await admin.uploadDocument(id, encoder.encode(manual("alpha")), "alpha.md");
  await until(() => gated.waiting() > 0);
  expect((await documentOf(server, id, doc.id)).status).toBe("processing");
  // Searchable while its sentences are embedded (windows are stored): no 5xx either way.
  const during = await admin.call("POST", `/api/businesses/${id}/search`, { query: "alpha wrench", k: 5 });
  expect(during.status).toBe(200);
  expect((await readBody(during, SearchAnswer)).results.length).toBeGreaterThan(0);
  const deleted = await admin.call("DELETE", `/api/businesses/${id}/documents/${doc.id}`);
  expect(deleted.status).toBeLessThan(300);
  gated.release();
  await server.deps.ingestion.idle();
  await server.deps.sentenceFill?.idle();
  expect((await admin.call("GET", `/api/businesses/${id}/documents/${doc.id}`)).status).toBe(404);
  expect((await server.deps.repos.sentenceVectors.hashesOf(doc.id, server.deps.embedder.id)).size).toBe(0);
  const after = await admin.call("POST", `/api/businesses/${id}/search`, { query: "alpha wrench", k: 5 });
  expect(after.status).toBe(200);
  expect((await readBody(after, SearchAnswer)).results).toEqual([]);
}, 60_000);

test("a new version uploaded while the old one's sentence steps run ends ready with the new version's sentences", async () => {
  const gated = gatedEmbedder();
  const server = await startTestServer({ overrides: { embedder: gated.embedder } });
  servers.push(server);
  const admin = apiClient(server.url, server.adminToken);
  const { id } = await admin.createBusiness({ name: "Replacer" });
  gated.hold();
  const doc = await admin.uploadDocument(id, encoder.encode(manual("alpha")), "v1.md");
  await until(() => gated.waiting() > 0);
  const form = new FormData();
  form.append("file", new File([encoder.encode(manual("bravo", 20))], "v2.md"));
  const put = await fetch(`${server.url}/api/businesses/${id}/documents/${doc.id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${server.adminToken}` },
    body: form,
  });
  expect(put.status).toBe(202);
  gated.release();
  const ready = await admin.waitForDocument(id, doc.id, 60_000);
  expect(ready).toMatchObject({ status: "ready", name: "v2.md" });
  await server.deps.sentenceFill?.idle();
  const { results } = await admin.get(SearchAnswer, "POST", `/api/businesses/${id}/search`, {
    query: "wrench filter",
    k: 50,
  });
  expect(results.length).toBeGreaterThan(0);
  expect(results.every((r) => r.text.includes("bravo") && !r.text.includes("alpha"))).toBe(true);
  const stored = await sentencesStored(server, id, doc.id);
  expect(stored.wanted).toBeGreaterThan(0);
  expect(stored.missing).toBe(0);
  // The old version's sentences are dropped by the background pass once the new one is ready.
  const v2 = new Set(results.flatMap((r) => sentencesToEmbed(r.text)).map(hashSentence));
  expect([...stored.have].every((h) => v2.has(h))).toBe(true);
}, 60_000);

test("a server stopped during the sentence steps resumes the document on the same data dir: ready, every sentence stored", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "supportal-steps-restart-"));
  dirs.push(dataDir);
  const gated = gatedEmbedder();
  const first = await startTestServer({ dataDir, overrides: { embedder: gated.embedder } });
  const admin1 = apiClient(first.url, first.adminToken);
  const { id } = await admin1.createBusiness({ name: "Restarter" });
  // Let one group of sentences be stored, then hold the next one and stop.
  gated.hold(1);
  const doc = await admin1.uploadDocument(id, encoder.encode(manual("alpha")), "alpha.md");
  await until(() => gated.waiting() > 0);
  expect((await first.deps.repos.sentenceVectors.hashesOf(doc.id, gated.embedder.id)).size).toBe(64);
  const stopping = first.stop();
  await Bun.sleep(50);
  gated.release();
  await stopping;

  const second = await startTestServer({ dataDir, overrides: { embedder: gatedEmbedder().embedder } });
  servers.push(second);
  const admin2 = apiClient(second.url, second.adminToken);
  const ready = await admin2.waitForDocument(id, doc.id, 60_000);
  expect(ready.status).toBe("ready");
  const stored = await sentencesStored(second, id, doc.id);
  expect(stored.wanted).toBeGreaterThan(100);
  expect(stored.missing).toBe(0);
}, 60_000);

test("a shutdown while the background filler finishes a group does not show a half-embedded document ready", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "supportal-steps-shutdown-"));
  dirs.push(dataDir);
  // The background filler's group (another document's, "alpha") and the new document's second
  // group of sentence steps ("bravo") are both held, so the stop lands while both are in flight.
  let releaseAlpha: () => void = () => {};
  const alphaGate = new Promise<void>((resolve) => {
    releaseAlpha = resolve;
  });
  let releaseBravo: () => void = () => {};
  const bravoGate = new Promise<void>((resolve) => {
    releaseBravo = resolve;
  });
  let holding = false;
  let bravoGroups = 0;
  const waiting = { alpha: 0, bravo: 0 };
  const embedder: Embedder = {
    id: "gated-bag-of-words",
    async embed(texts, options) {
      if (holding && priorityOf(options) === "bulk") {
        if (texts.some((t) => t.includes("alpha"))) {
          waiting.alpha++;
          await alphaGate;
        } else if (texts.some((t) => t.includes("bravo")) && ++bravoGroups > 1) {
          waiting.bravo++;
          await bravoGate;
        }
      }
      return texts.map((text) => stubEmbedding(text));
    },
  };
  const first = await startTestServer({ dataDir, overrides: { embedder } });
  const admin1 = apiClient(first.url, first.adminToken);
  const { id } = await admin1.createBusiness({ name: "Stopper" });
  const older = await admin1.uploadDocument(id, encoder.encode(manual("alpha", 5)), "older.md");
  expect((await admin1.waitForDocument(id, older.id)).status).toBe("ready");
  await first.deps.sentenceFill!.idle();
  holding = true;
  // Sentences the older document does not have stored yet (as for a document whose fill failed).
  first.deps.sentenceFill!.enqueue(older.id, ["The alpha gasket is new. The alpha valve is new too."]);
  await until(() => waiting.alpha > 0);
  const doc = await admin1.uploadDocument(id, encoder.encode(manual("bravo")), "bravo.md");
  await until(() => waiting.bravo > 0);
  const stopping = first.stop();
  await Bun.sleep(50);
  releaseBravo();
  await Bun.sleep(200);
  releaseAlpha();
  await stopping;

  const second = await startTestServer({ dataDir, overrides: { embedder: gatedEmbedder().embedder } });
  servers.push(second);
  const admin2 = apiClient(second.url, second.adminToken);
  expect((await admin2.waitForDocument(id, doc.id, 60_000)).status).toBe("ready");
  await second.deps.ingestion.idle();
  await second.deps.sentenceFill!.idle();
  const stored = await sentencesStored(second, id, doc.id);
  expect(stored.wanted).toBeGreaterThan(100);
  expect(stored.missing).toBe(0);
}, 60_000);

for (const [name, breakStore] of [
  ["dropped", "DROP TABLE sentence_vectors"],
  [
    "read-only",
    "CREATE TRIGGER no_sentence_writes BEFORE INSERT ON sentence_vectors BEGIN SELECT RAISE(FAIL, 'read-only'); END",
  ],
] as const) {
  // Broken through SQLite's own handle; the PostgreSQL suite runs the rest of this file.
  test.skipIf(suiteOnPostgres())(
    `a sentence-vector table ${name} mid-ingestion costs no document: ready, searchable, chat answers`,
    async () => {
      const gated = gatedEmbedder();
      const server = await startTestServer({ overrides: { embedder: gated.embedder } });
      servers.push(server);
      const admin = apiClient(server.url, server.adminToken);
      const { id } = await admin.createBusiness({ name: `Broken ${name}` });
      gated.hold(1);
      const doc = await admin.uploadDocument(id, encoder.encode(manual("alpha")), "alpha.md");
      await until(() => gated.waiting() > 0);
      server.deps.sqlite!.$client.exec(breakStore);
      gated.release();
      expect((await admin.waitForDocument(id, doc.id, 60_000)).status).toBe("ready");
      await server.deps.sentenceFill?.idle();
      const small = await admin.uploadDocument(id, encoder.encode("# Hours\n\nWe open at nine."), "h.md");
      expect((await admin.waitForDocument(id, small.id, 60_000)).status).toBe("ready");
      for (const k of [5, 50]) {
        const response = await admin.call("POST", `/api/businesses/${id}/search`, {
          query: "alpha wrench",
          k,
        });
        expect(response.status).toBe(200);
        expect((await readBody(response, SearchAnswer)).results.length).toBeGreaterThan(0);
      }
      const socket = await openSocket(`${server.wsUrl}/ws/chat/${id}/${newSessionId()}`);
      socket.send({ type: "user", message: "What wrench does the alpha unit 3 need?" });
      const frame = await socket.next(
        (f) => (f.type === "message" && f.sender === "assistant") || f.type === "error",
      );
      expect(frame).toMatchObject({ type: "message", sender: "assistant" });
      expect(String((frame as { message?: string }).message)).toContain("3 mm wrench");
      await socket.close();
    },
    60_000,
  );
}

test("search during the sentence steps and after ready: k = 5 is k = 50's first five; bad input is a 4xx", async () => {
  const gated = gatedEmbedder();
  const server = await startTestServer({ overrides: { embedder: gated.embedder } });
  servers.push(server);
  const admin = apiClient(server.url, server.adminToken);
  const { id } = await admin.createBusiness({ name: "Searcher" });
  const older = await admin.uploadDocument(id, encoder.encode(manual("bravo", 30)), "bravo.md");
  expect((await admin.waitForDocument(id, older.id)).status).toBe("ready");
  gated.hold(1);
  const doc = await admin.uploadDocument(id, encoder.encode(manual("alpha")), "alpha.md");
  await until(() => gated.waiting() > 0);
  const queries = [
    "what wrench opens unit 7",
    "how often is the filter cleaned",
    "when do replacement parts ship",
    "desk hours",
    "bravo model 12",
  ];
  const firstFive = async (query: string, k: number) => {
    const response = await admin.call("POST", `/api/businesses/${id}/search`, { query, k });
    expect(response.status).toBe(200);
    return (await readBody(response, SearchAnswer)).results
      .slice(0, 5)
      .map((r) => `${r.documentId}:${r.chunkIndex}`);
  };
  for (const query of queries) expect(await firstFive(query, 5)).toEqual(await firstFive(query, 50));
  gated.release();
  expect((await admin.waitForDocument(id, doc.id, 60_000)).status).toBe("ready");
  for (const query of queries) expect(await firstFive(query, 5)).toEqual(await firstFive(query, 50));

  const bad: unknown[] = [
    { query: "x", k: 0 },
    { query: "x", k: 51 },
    { query: "x", k: 2.5 },
    { query: "x", k: "5" },
    { query: "" },
    { query: "x", mode: "sentences" },
    { query: 5 },
    {},
    [],
    null,
  ];
  for (const body of bad) {
    const response = await admin.call("POST", `/api/businesses/${id}/search`, body);
    expect([response.status, body]).toEqual([400, body]);
  }
  const raw = await fetch(`${server.url}/api/businesses/${id}/search`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
    body: "{not json",
  });
  expect(raw.status).toBe(400);
  const huge = await admin.call("POST", `/api/businesses/${id}/search`, { query: "wrench ".repeat(100_000) });
  expect(huge.status).toBeLessThan(500);
  expect(huge.status).toBeGreaterThanOrEqual(200);
  const missing = await admin.call("POST", `/api/businesses/999999/search`, { query: "x" });
  expect(missing.status).toBe(404);
}, 60_000);

test("one business's big document in its sentence steps does not stall another business's small document", async () => {
  const log: string[] = [];
  const embedder: Embedder = {
    id: "slow-bag-of-words",
    async embed(texts, options) {
      const priority = priorityOf(options);
      const who = texts.some((t) => t.includes("alpha")) ? "alpha" : "bravo";
      log.push(`${who}:${priority ?? "windows"}`);
      if (priority === "bulk") await Bun.sleep(40);
      return texts.map((text) => stubEmbedding(text));
    },
  };
  const server = await startTestServer({ overrides: { embedder } });
  servers.push(server);
  const admin = apiClient(server.url, server.adminToken);
  const alpha = await admin.createBusiness({ name: "Alpha" });
  const bravo = await admin.createBusiness({ name: "Bravo" });
  const big = await admin.uploadDocument(alpha.id, encoder.encode(manual("alpha", 400)), "big.md");
  await until(() => log.filter((l) => l === "alpha:bulk").length >= 2);
  const before = log.length;
  const small = await admin.uploadDocument(
    bravo.id,
    encoder.encode("# Bravo hours\n\nBravo opens at nine. Bravo closes at five."),
    "hours.md",
  );
  expect((await admin.waitForDocument(bravo.id, small.id, 60_000)).status).toBe("ready");
  expect((await documentOf(server, alpha.id, big.id)).status).toBe("processing");
  const between = log.slice(before, log.indexOf("bravo:bulk", before));
  expect(between.filter((l) => l === "alpha:bulk").length).toBeLessThanOrEqual(2);
  expect((await admin.waitForDocument(alpha.id, big.id, 120_000)).status).toBe("ready");
  expect(log.filter((l) => l === "alpha:bulk").length).toBeGreaterThan(20);
}, 150_000);
