import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Document, SearchAnswer } from "@supportal/shared";
import { openLanceTables } from "../rag/lance-store";
import { apiClient } from "../testing/api-client";
import { type Deployment, startDeployment } from "../testing/deployment";
import { SHOE_FAQ } from "../testing/fixtures";
import { redisUnavailable } from "../testing/redis-server";
import type { RunningServer } from "../testing/spawn-server";
import { createTestDatabase, postgresUnavailable, type TestDatabase } from "../testing/test-database";
import { until } from "../testing/until";
import { isAssistant, isError, isHistory, isUserEcho, newSessionId, openSocket } from "../testing/ws-client";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] two server processes: ${skip}`);

// Two real server processes (`bun server/src/index.ts`) behind no balancer: one PostgreSQL, one Redis,
// one S3-compatible object store for the vectors and the originals. Without a PostgreSQL to test on,
// each keeps its own SQLite, so each has its own business 1 (the test then creates it on both).
const noPostgres = postgresUnavailable();
if (noPostgres) console.warn(`[two server processes] on their own SQLite each: ${noPostgres}`);

describe.skipIf(Boolean(skip))("two server processes on one Redis and one object store", () => {
  let deployment: Deployment;
  let database: TestDatabase | null = null;
  let a: RunningServer;
  let b: RunningServer;
  const wsOf = (server: RunningServer) => server.url.replace("http", "ws");
  const api = (server: RunningServer) => apiClient(server.url, server.adminToken);

  beforeAll(async () => {
    database = noPostgres ? null : await createTestDatabase();
    deployment = await startDeployment(2, {
      env: {
        SUPPORTAL_SESSION_RATE_PER_MINUTE: "3",
        SUPPORTAL_VECTOR_REFRESH_MS: "0",
        // A crashed instance's ingestion is taken over this long after its last renewal.
        SUPPORTAL_INGEST_LEASE_MS: "4000",
        ...(database ? { SUPPORTAL_DATABASE_URL: database.url } : {}),
      },
    });
    [a, b] = deployment.instances as [RunningServer, RunningServer];
    for (const server of database ? [a] : [a, b]) await api(server).createBusiness({ name: "Shoe shop" });
  }, 120_000);
  afterAll(async () => {
    await deployment?.stop();
    await database?.drop();
  });

  test("a visitor on A and a second socket of the same session on B see the same frames", async () => {
    const session = newSessionId();
    const onA = await openSocket(`${wsOf(a)}/ws/chat/1/${session}`);
    const onB = await openSocket(`${wsOf(b)}/ws/chat/1/${session}`);
    await Promise.all([onA.next(isHistory), onB.next(isHistory)]);
    // B follows the session once Redis has confirmed its subscription; a frame before that is B's loss.
    await until(
      async () =>
        Number(
          (
            (await deployment.redis.client.send("PUBSUB", ["NUMSUB", `supportal:session:1/${session}`])) as [
              string,
              number,
            ]
          )[1],
        ) === 2,
      "both processes to follow the session",
    );
    onA.send({ type: "user", message: "Do you ship to Norway?", clientId: "q1" });
    const [echoA, echoB] = await Promise.all([onA.next(isUserEcho), onB.next(isUserEcho)]);
    expect(echoB).toEqual(echoA);
    const [answerA, answerB] = await Promise.all([onA.next(isAssistant), onB.next(isAssistant)]);
    expect(answerB).toEqual(answerA);
    const streamed = (frames: typeof onA.frames) =>
      frames.filter((f) => f.type !== "status" && f.type !== "history");
    expect(streamed(onB.frames)).toEqual(streamed(onA.frames));
    await Promise.all([onA.close(), onB.close()]);
  });

  test("a session's rate limit used up on A holds on B", async () => {
    const session = newSessionId();
    const onA = await openSocket(`${wsOf(a)}/ws/chat/1/${session}`);
    await onA.next(isHistory);
    for (let i = 0; i < 3; i++) {
      onA.send({ type: "user", message: `Question number ${i + 1}?`, clientId: `a${i}` });
      await onA.next((f) => isUserEcho(f) && f.clientId === `a${i}`);
    }
    const onB = await openSocket(`${wsOf(b)}/ws/chat/1/${session}`);
    await onB.next(isHistory);
    onB.send({ type: "user", message: "One more from the other tab?", clientId: "b1" });
    const refused = await onB.next((f) => isError(f) && f.clientId === "b1");
    expect(refused).toMatchObject({ type: "error", code: "rate_limited" });
    await Promise.all([onA.close(), onB.close()]);
  });

  test("an upload accepted by A is ingested once and searchable from B", async () => {
    const uploaded = await api(a).uploadDocument(1, new TextEncoder().encode(SHOE_FAQ), "faq.md");
    const ready = await api(a).waitForDocument(1, uploaded.id, 60_000);
    expect(ready.status).toBe("ready");
    const search = () =>
      api(b).get(SearchAnswer, "POST", "/api/businesses/1/search", {
        query: "How long does delivery take?",
        k: 20,
      });
    await until(async () => (await search()).results.length > 0, "B to find A's chunks", {
      timeoutMs: 20_000,
    });
    const { results } = await search();
    expect(results[0]).toMatchObject({ documentId: uploaded.id, documentName: "faq.md" });
    expect(results[0]!.text).toContain("three to five working days");
    // Once: every chunk of the document is found at most once, and as many as A counted.
    const chunks = results.map((hit) => hit.chunkIndex);
    expect(new Set(chunks).size).toBe(chunks.length);
    expect(chunks.length).toBeLessThanOrEqual(ready.chunkCount);
    // On one database, B serves the document itself, as A left it.
    if (database) {
      const onB = await api(b).get(Document, "GET", `/api/businesses/1/documents/${uploaded.id}`);
      expect(onB).toMatchObject({ status: "ready", chunkCount: ready.chunkCount, name: "faq.md" });
    }
  });

  // Last: it kills A.
  test.skipIf(Boolean(noPostgres))(
    "killed mid-ingestion (SIGKILL), A's job is finished by B, once",
    async () => {
      const topics = Array.from(
        { length: 160 },
        (_, i) =>
          `## Topic ${i}\n\nParagraph ${i} tells how order ${i * 7 + 3} is packed in box ${i % 13} ` +
          `and sent from depot ${i % 5} with care number ${i * 11}.`,
      );
      const text = `${topics.join("\n\n")}\n\n## Kumquats\n\nKumquat crates leave the warehouse every Friday.`;
      const uploaded = await api(a).uploadDocument(1, new TextEncoder().encode(text), "catalogue.md");
      const onB = () => api(b).get(Document, "GET", `/api/businesses/1/documents/${uploaded.id}`);
      await until(async () => (await onB()).status === "processing", "A to start ingesting", {
        timeoutMs: 30_000,
      });
      await a.crash();
      expect((await onB()).status).toBe("processing");

      const done = await api(b).waitForDocument(1, uploaded.id, 120_000);
      expect(done.status).toBe("ready");
      const { results } = await api(b).get(SearchAnswer, "POST", "/api/businesses/1/search", {
        query: "When do kumquat crates leave the warehouse?",
      });
      expect(results[0]).toMatchObject({ documentId: uploaded.id });
      expect(results[0]!.text).toContain("every Friday");
      // Once: in the shared table, each window of each chunk of the document is there exactly once.
      const env = deployment.env;
      const tables = await openLanceTables({
        uri: env.SUPPORTAL_VECTOR_URI!,
        shared: true,
        storageOptions: {
          endpoint: env.SUPPORTAL_S3_ENDPOINT!,
          region: env.SUPPORTAL_S3_REGION!,
          aws_access_key_id: env.SUPPORTAL_S3_ACCESS_KEY_ID!,
          aws_secret_access_key: env.SUPPORTAL_S3_SECRET_ACCESS_KEY!,
          allow_http: "true",
        },
      });
      try {
        const read = await tables.readRows(1, { maxVectorCells: 0 });
        const rows = (read?.rows ?? []).filter((row) => row.documentId === uploaded.id);
        const keys = new Set(rows.map((row) => `${row.chunkIndex}:${row.windowIndex}`));
        expect(keys.size).toBe(rows.length);
        expect(new Set(rows.map((row) => row.chunkIndex)).size).toBe(done.chunkCount);
      } finally {
        await tables.close();
      }
    },
  );
});
