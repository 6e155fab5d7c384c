import { afterAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchAnswer } from "@supportal/shared";
import { insertBusiness } from "../businesses/business-repo";
import { openDatabase } from "../db/client";
import { deleteDocumentRow, findDocumentById, insertDocument } from "../documents/document-repo";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startOpenAIStub, stubEmbedding } from "../testing/openai-stub";
import { recordingEmbedder } from "../testing/recording-embedder";
import { startTestServer } from "../testing/test-server";
import { newSessionId, openSocket } from "../testing/ws-client";
import { sentencesToEmbed } from "./extractive-answerer";
import { createSentenceVectorFiller } from "./sentence-vector-filler";
import { createSqliteSentenceVectorRepo, hashSentence } from "./sentence-vector-repo";
import { storedSentenceVectors } from "./sentence-vectors";
import { createTurnsInFlight } from "./turns-in-flight";

const dir = await mkdtemp(join(tmpdir(), "supportal-sentences-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const db = openDatabase(join(dir, "s.sqlite"));
const repo = createSqliteSentenceVectorRepo(db);
const now = new Date().toISOString();
const business = insertBusiness(db, { name: "Shoes" }, now, () => "");
const newDocument = (name: string) =>
  insertDocument(db, { businessId: business.id, name, type: "txt", size: 1, sha256: name, now }).row.id;

const { embedder, calls } = recordingEmbedder();

function fillerWith(
  ingestionIdle: () => Promise<void>,
  turnsIdle: () => Promise<void> = () => Promise.resolve(),
) {
  return createSentenceVectorFiller({
    repo,
    embedder,
    sentencesOf: sentencesToEmbed,
    ingestionIdle,
    turnsIdle,
    documentExists: async (id) => findDocumentById(db, id) !== undefined,
  });
}

const RETURNS =
  "Unworn shoes can be returned within thirty days of delivery. The refund reaches your card within a week.";
const SIZES = "Our shoes run half a size small. We recommend ordering half a size up.";

test("sentences are embedded only once ingestion is idle, as bulk work, each stored once", async () => {
  const documentId = newDocument("a.txt");
  let idle!: () => void;
  const busy = new Promise<void>((resolve) => {
    idle = resolve;
  });
  const filler = fillerWith(() => busy);
  calls.length = 0;
  filler.enqueue(documentId, [RETURNS, SIZES, RETURNS]);
  await Bun.sleep(20);
  expect(calls).toEqual([]);
  idle();
  await filler.idle();
  const expected = [...new Set([RETURNS, SIZES].flatMap(sentencesToEmbed))];
  expect(calls.map((c) => c.priority)).toEqual(["bulk"]);
  expect(calls.flatMap((c) => c.texts).sort()).toEqual([...expected].sort());
  expect(await repo.hashesOf(documentId, embedder.id)).toEqual(new Set(expected.map(hashSentence)));

  // Queued again (the server restarted before the answers used them): nothing left to embed.
  calls.length = 0;
  filler.enqueue(documentId, [RETURNS, SIZES]);
  await filler.idle();
  expect(calls).toEqual([]);
  await filler.stop();
});

test("no group starts while a chat turn is being answered; the filler goes on once none is", async () => {
  const documentId = newDocument("t.txt");
  const turns = createTurnsInFlight();
  const endFirst = turns.begin();
  const endSecond = turns.begin();
  const filler = fillerWith(() => Promise.resolve(), turns.idle);
  calls.length = 0;
  filler.enqueue(documentId, [RETURNS, SIZES]);
  await Bun.sleep(20);
  expect(calls).toEqual([]);
  endFirst();
  endFirst();
  await Bun.sleep(20);
  expect(calls).toEqual([]);
  endSecond();
  await filler.idle();
  expect(calls.map((c) => c.priority)).toEqual(["bulk"]);
  expect((await repo.hashesOf(documentId, embedder.id)).size).toBe(
    new Set([RETURNS, SIZES].flatMap(sentencesToEmbed)).size,
  );
  await filler.stop();
});

test("the chat service marks a turn in flight from the question until its answer ends", async () => {
  const stub = startOpenAIStub({ apiKey: "sk-test" });
  // Embeddings in process, so that only the answer waits on the model.
  const server = await startTestServer({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url },
    overrides: { embedder: recordingEmbedder().embedder },
  });
  try {
    const admin = apiClient(server.url, server.adminToken);
    const { id } = await admin.createBusiness({ name: "Shoe Shop" });
    const uploaded = await admin.uploadDocument(id, new TextEncoder().encode(SHOE_FAQ), "faq.md");
    expect((await admin.waitForDocument(id, uploaded.id)).status).toBe("ready");
    // The model holds the answer open: the turn stays in flight until the visitor leaves.
    stub.script.hang = true;
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${id}/${newSessionId()}`);
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    await socket.next((frame) => frame.type === "typing");
    let idle = false;
    const waited = server.deps.turns.idle().then(() => {
      idle = true;
    });
    await Bun.sleep(50);
    expect(idle).toBe(false);
    await socket.close();
    await waited;
    expect(idle).toBe(true);
  } finally {
    await server.stop({ removeData: true });
    await stub.stop();
  }
});

test("a new version keeps its sentences' vectors and drops the old version's; a deleted document's go with it", async () => {
  const documentId = newDocument("b.txt");
  const filler = fillerWith(() => Promise.resolve());
  filler.enqueue(documentId, [RETURNS]);
  await filler.idle();
  calls.length = 0;
  filler.enqueue(documentId, [SIZES]);
  await filler.idle();
  expect(calls.flatMap((c) => c.texts)).toEqual(sentencesToEmbed(SIZES));
  expect(await repo.hashesOf(documentId, embedder.id)).toEqual(
    new Set(sentencesToEmbed(SIZES).map(hashSentence)),
  );
  deleteDocumentRow(db, documentId);
  expect(await repo.hashesOf(documentId, embedder.id)).toEqual(new Set());
  await filler.stop();
});

test("stop ends a filler that waits for busy ingestion, leaving the rest to question time", async () => {
  const documentId = newDocument("c.txt");
  const filler = fillerWith(() => new Promise<void>(() => {}));
  calls.length = 0;
  filler.enqueue(documentId, [RETURNS]);
  await filler.stop();
  expect(calls).toEqual([]);
  expect(await repo.hashesOf(documentId, embedder.id)).toEqual(new Set());
});

test("at question time stored vectors are read, and a miss is embedded now (urgent) and stored for the next", async () => {
  const documentId = newDocument("d.txt");
  const vectorsOf = storedSentenceVectors({ embedder, repo });
  const sentences = sentencesToEmbed(RETURNS).map((text) => ({ documentId, text }));
  calls.length = 0;
  const first = await vectorsOf(sentences);
  expect(calls).toEqual([{ texts: sentences.map((s) => s.text), priority: "urgent" }]);
  calls.length = 0;
  const again = await vectorsOf(sentences);
  expect(calls).toEqual([]);
  // Stored as float32, as the model makes them: read back the same numbers.
  expect(again.map((v) => Array.from(v))).toEqual(first.map((v) => Array.from(Float32Array.from(v))));
  // Asked for the stored ones alone, a miss stays a miss: nothing is embedded.
  calls.length = 0;
  const unseen = { documentId, text: "A sentence nobody stored." };
  const stored = await vectorsOf.stored([sentences[0]!, unseen]);
  expect(stored.map((v) => v && Array.from(v))).toEqual([Array.from(again[0]!), undefined]);
  expect(calls).toEqual([]);
});

test("a store that fails to read or to write costs speed, never the answer", async () => {
  const documentId = newDocument("e.txt");
  const broken = {
    ...repo,
    find: () => Promise.reject(new Error("disk I/O error")),
    save: () => Promise.reject(new Error("database or disk is full")),
  };
  const sentences = sentencesToEmbed(SIZES).map((text) => ({ documentId, text }));
  calls.length = 0;
  const vectors = await storedSentenceVectors({ embedder, repo: broken })(sentences);
  expect(vectors.map((v) => Array.from(v))).toEqual(sentences.map((s) => stubEmbedding(s.text)));
  expect(calls).toEqual([{ texts: sentences.map((s) => s.text), priority: "urgent" }]);
});

test("steps embed and store a group each without waiting for idle ingestion, and end with a deleted document", async () => {
  const documentId = newDocument("steps.txt");
  const filler = fillerWith(() => new Promise<void>(() => {}));
  calls.length = 0;
  for await (const _ of filler.steps(documentId, [RETURNS, SIZES])) {
    // One step: the group is stored before the step ends.
    expect((await repo.hashesOf(documentId, embedder.id)).size).toBeGreaterThan(0);
  }
  const expected = [...new Set([RETURNS, SIZES].flatMap(sentencesToEmbed))];
  expect(await repo.hashesOf(documentId, embedder.id)).toEqual(new Set(expected.map(hashSentence)));
  expect(calls.map((c) => c.priority)).toEqual(["bulk"]);

  const gone = newDocument("gone.txt");
  deleteDocumentRow(db, gone);
  for await (const _ of filler.steps(gone, [RETURNS])) throw new Error("a deleted document has no step");
  expect(await repo.hashesOf(gone, embedder.id)).toEqual(new Set());
  await filler.stop();
});

test("a document shows ready only once its answer sentences' vectors are stored", async () => {
  const server = await startTestServer({ overrides: { embedder: recordingEmbedder().embedder } });
  // A turn in flight holds the background filler back: only ingestion itself can store them.
  const ended = server.deps.turns.begin();
  try {
    const admin = apiClient(server.url, server.adminToken);
    const { id } = await admin.createBusiness({ name: "Shoe Shop" });
    const uploaded = await admin.uploadDocument(id, new TextEncoder().encode(SHOE_FAQ), "faq.md");
    expect((await admin.waitForDocument(id, uploaded.id)).status).toBe("ready");
    const stored = await server.deps.repos.sentenceVectors.hashesOf(uploaded.id, server.deps.embedder.id);
    const { results } = await admin.get(SearchAnswer, "POST", `/api/businesses/${id}/search`, {
      query: "returns",
      k: 50,
    });
    const expected = new Set(results.flatMap((r) => sentencesToEmbed(r.text)).map(hashSentence));
    expect(expected.size).toBeGreaterThan(0);
    for (const hash of expected) expect(stored.has(hash)).toBe(true);
  } finally {
    ended();
    await server.stop({ removeData: true });
  }
});
