import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, postgresUnavailable } from "../testing/test-database";
import { pickDatabase } from "../wiring/pick-database";
import type { Repositories } from "./repositories";

/**
 * One contract, two databases: every behaviour below must hold on SQLite (a temp file) and on
 * PostgreSQL (a fresh database on SUPPORTAL_TEST_DATABASE_URL's server). Without that variable the
 * PostgreSQL half is skipped with a message, except under CI=true, where it fails.
 */
interface Opened {
  repos: Repositories;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const dataDir = await mkdtemp(join(tmpdir(), "supportal-contract-"));
  const database = await pickDatabase({ dataDir });
  return {
    repos: database.repos,
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Opened> {
  const created = await createTestDatabase();
  const database = await pickDatabase({ dataDir: "/nonexistent", databaseUrl: created.url });
  return {
    repos: database.repos,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

const skipPostgres = postgresUnavailable();
if (skipPostgres) console.warn(`[contract] ${skipPostgres}`);

const implementations = [
  { name: "SQLite", open: openSqlite, skip: false },
  { name: "PostgreSQL", open: openPostgres, skip: Boolean(skipPostgres) },
];

const NOW = "2026-03-04T10:00:00.000Z";
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

for (const implementation of implementations) {
  describe.skipIf(implementation.skip)(`repositories on ${implementation.name}`, () => {
    let opened: Opened;
    let repos: Repositories;
    beforeAll(async () => {
      opened = await implementation.open();
      repos = opened.repos;
    });
    afterAll(() => opened?.close());

    const newBusiness = (name = "Shop") =>
      repos.businesses.insertBusiness(
        { name, theme: { color: "#123456" }, businessHours: null, allowedOrigins: ["https://a.example/"] },
        NOW,
        (id) => `hash-of-${id}`,
      );

    test("a business keeps its JSON, booleans and the key hash made from its new id", async () => {
      const row = await newBusiness();
      expect(row.apiKeyHash).toBe(`hash-of-${row.id}`);
      expect(row.theme).toEqual({ color: "#123456" });
      expect(row.allowedOrigins).toEqual(["https://a.example"]);
      expect(row.handoffEnabled).toBe(true);
      const hours = {
        timeZone: "Europe/Berlin",
        weekly: [{ day: "mon" as const, from: "09:00", to: "17:00" }],
      };
      const updated = await repos.businesses.updateBusiness(
        row.id,
        { handoffEnabled: false, businessHours: hours },
        later(1),
      );
      expect(updated).toMatchObject({ handoffEnabled: false, businessHours: hours, updatedAt: later(1) });
      expect(await repos.businesses.findBusinessRow(row.id)).toEqual(updated);
      expect(await repos.businesses.findBusinessRow(2_147_000_000)).toBeUndefined();
    });

    test("the same bytes twice are one document, even when inserted at once", async () => {
      const business = await newBusiness();
      const input = {
        businessId: business.id,
        name: "a.txt",
        type: "txt" as const,
        size: 3,
        sha256: "abc",
        now: NOW,
      };
      const [first, second] = await Promise.all([
        repos.documents.insertDocument(input),
        repos.documents.insertDocument(input),
      ]);
      expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
      expect(first.row.id).toBe(second.row.id);
      const other = await repos.documents.insertDocument({ ...input, name: "b.txt", sha256: "def" });
      const replaced = await repos.documents.replaceDocumentVersion({
        ...input,
        id: other.row.id,
        name: "b2.txt",
      });
      expect(replaced).toEqual({ twin: first.row });
      expect(await repos.documents.startIngestAttempt(first.row.id, NOW)).toBe(1);
      await repos.documents.releaseIngestAttempt(first.row.id, NOW);
      await repos.documents.releaseIngestAttempt(first.row.id, NOW);
      expect((await repos.documents.findDocumentById(first.row.id))?.ingestAttempts).toBe(0);
    });

    test("a stored message counts once per visitor, in its own transaction", async () => {
      const business = await newBusiness();
      const message = {
        id: crypto.randomUUID(),
        businessId: business.id,
        sessionId: "session-aaaaaaaaaaaa",
        sender: "user" as const,
        message: "Where is my order?",
        ip: "10.0.0.1",
        now: NOW,
      };
      await repos.sessions.appendMessage(message);
      // The same id again fails, and its counters roll back with it.
      await expect(repos.sessions.appendMessage(message)).rejects.toThrow();
      const used = await repos.usage.readUsage(business.id, "2026-03-04", [
        "",
        "s:session-aaaaaaaaaaaa",
        "ip:10.0.0.1",
      ]);
      expect([...used.values()]).toEqual([1, 1, 1]);
      const summary = await repos.transcripts.findSessionSummary(business.id, message.sessionId);
      expect(summary).toMatchObject({ messageCount: 1, title: "Where is my order?", mode: "ai" });
    });

    test("messages of one millisecond keep their order; history is the latest, oldest first", async () => {
      const business = await newBusiness();
      const sessionId = "session-order-00000001";
      for (const [i, sender] of (["user", "assistant", "user", "assistant"] as const).entries())
        await repos.sessions.appendMessage({
          id: `m-${business.id}-${i}`,
          businessId: business.id,
          sessionId,
          sender,
          message: `message ${i}`,
          unanswered: sender === "assistant",
          now: NOW,
        });
      const all = await repos.sessions.allSessionMessages(business.id, sessionId);
      expect(all.map((m) => m.message)).toEqual(["message 0", "message 1", "message 2", "message 3"]);
      expect((await repos.sessions.listSessionMessages(business.id, sessionId, 2)).length).toBe(2);
      expect(await repos.sessions.offerDue({ businessId: business.id, sessionId, after: 3 })).toBe(true);
      const gaps = await repos.insights.listKnowledgeGaps(business.id, "2026-01-01");
      expect(gaps).toEqual([
        { question: "message 2", count: 1, lastAskedAt: NOW, sessionId, lowEvidence: false },
        { question: "message 0", count: 1, lastAskedAt: NOW, sessionId, lowEvidence: false },
      ]);
      const interrupted = await repos.sessions.listInterruptedTurns();
      expect(interrupted.some((turn) => turn.sessionId === sessionId)).toBe(false);
    });

    test("search ignores case, also past ASCII, and treats % and _ as plain characters", async () => {
      const business = await newBusiness();
      const say = (message: string, i: number) =>
        repos.sessions.appendMessage({
          id: `s-${business.id}-${i}`,
          businessId: business.id,
          sessionId: "session-search-000001",
          sender: "user",
          message,
          now: later(i),
        });
      await say("ÜBER uns: 100% sicher", 1);
      await say("about_us page", 2);
      await say("nothing here", 3);
      const texts = async (q: string) =>
        (await repos.transcripts.searchMessages(business.id, q, 10)).map((hit) => hit.message.message);
      expect(await texts("über")).toEqual(["ÜBER uns: 100% sicher"]);
      expect(await texts("100%")).toEqual(["ÜBER uns: 100% sicher"]);
      expect(await texts("T_U")).toEqual(["about_us page"]);
      expect(await texts("%")).toEqual(["ÜBER uns: 100% sicher"]);
    });

    test("of two agents claiming at once, exactly one gets the conversation", async () => {
      const business = await newBusiness();
      const sessionId = "session-claim-0000001";
      await repos.conversations.ensureSession(business.id, sessionId, NOW);
      const claims = await Promise.all(
        [1, 2, 3].map((id) =>
          repos.conversations.claimConversation(business.id, sessionId, { id, name: `Agent ${id}` }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const held = await repos.conversations.readConversation(business.id, sessionId);
      expect(held.mode).toBe("human");
      const released = await repos.conversations.releaseAgentConversations(business.id, held.agentId!);
      expect(released).toEqual([{ sessionId }]);
    });

    test("refused origins are counted and bounded, the newest kept", async () => {
      const business = await newBusiness();
      for (let i = 0; i < 25; i++)
        await repos.refusedOrigins.recordRefusedOrigin(business.id, `https://o${i}.example`, NOW);
      await repos.refusedOrigins.recordRefusedOrigin(business.id, "https://o24.example", later(1));
      const list = await repos.refusedOrigins.listRefusedOrigins(business.id);
      expect(list).toHaveLength(20);
      expect(list[0]).toMatchObject({ origin: "https://o24.example", attempts: 2 });
      expect(list.at(-1)?.origin).toBe("https://o5.example");
    });

    test("cap hits: the first refusal of a day makes the row with who sent the most, later ones count", async () => {
      const business = await newBusiness();
      await repos.sessions.appendMessage({
        id: crypto.randomUUID(),
        businessId: business.id,
        sessionId: "session-cap-00000001",
        sender: "user",
        message: "hi",
        ip: "10.9.9.9",
        now: NOW,
      });
      const hit = {
        businessId: business.id,
        day: "2026-03-04",
        scope: "business" as const,
        visitor: "",
        sessionId: "s",
        ip: "10.9.9.9",
        now: NOW,
        withTopVisitors: true,
      };
      await repos.capHits.recordCapHit(hit);
      await repos.capHits.recordCapHit({ ...hit, now: later(5) });
      const [row] = await repos.capHits.listCapHits(business.id, "2026-03-01");
      expect(row).toMatchObject({ refused: 2, firstAt: NOW, lastAt: later(5) });
      expect(row?.topVisitors.map((v) => v.id).sort()).toEqual(["10.9.9.9", "session-cap-00000001"]);
    });

    test("curated answers: import updates by id and adds the rest, in one transaction", async () => {
      const business = await newBusiness();
      const fields = { question: "Q?", variants: ["q"], answer: "A.", documentId: null };
      const existing = await repos.curated.insertCurated(business.id, fields, NOW);
      await repos.curated.importCurated(
        business.id,
        [
          { id: existing.id, fields: { ...fields, answer: "B." } },
          { id: Number.NaN, fields: { ...fields, question: "New?" } },
        ],
        later(1),
      );
      const rows = await repos.curated.listCuratedRows(business.id);
      expect(rows.map((row) => [row.question, row.answer])).toEqual([
        ["Q?", "B."],
        ["New?", "A."],
      ]);
      expect(await repos.curated.countCuratedRows(business.id)).toBe(2);
    });

    test("checks: a finished run's results are each check's last outcome", async () => {
      const business = await newBusiness();
      const check = await repos.checks.insertCheck(
        business.id,
        { question: "Q?", expect: { phrase: "x" } },
        NOW,
      );
      const run = await repos.checks.insertRun({
        businessId: business.id,
        trigger: "manual",
        reason: "r",
        total: 1,
        now: NOW,
      });
      const result = {
        checkId: check.id,
        question: "Q?",
        passed: true,
        regression: false,
        reason: "ok",
        answer: "x",
        kind: "answer" as const,
        sources: [],
      };
      const done = await repos.checks.finishRun(run.id, [result], later(1));
      expect(done).toMatchObject({ status: "done", passed: 1, failed: 0 });
      const [listed] = await repos.checks.listChecks(business.id);
      expect(listed?.last).toMatchObject({ passed: true, runId: run.id, at: later(1) });
      expect(await repos.checks.previousResults([check.id], run.id + 1)).toEqual(new Map([[check.id, true]]));
    });

    test("sentence vectors come back as stored, the first kept", async () => {
      const business = await newBusiness();
      const { row: doc } = await repos.documents.insertDocument({
        businessId: business.id,
        name: "v.txt",
        type: "txt",
        size: 1,
        sha256: "vec",
        now: NOW,
      });
      await repos.sentenceVectors.save("model", [
        { documentId: doc.id, textHash: "h1", vector: [0.5, -1, 2] },
      ]);
      await repos.sentenceVectors.save("model", [{ documentId: doc.id, textHash: "h1", vector: [9, 9, 9] }]);
      const [found, missing] = await repos.sentenceVectors.find("model", [
        { documentId: doc.id, textHash: "h1" },
        { documentId: doc.id, textHash: "h2" },
      ]);
      expect([...(found ?? [])]).toEqual([0.5, -1, 2]);
      expect(missing).toBeUndefined();
      await repos.sentenceVectors.keepOnly(doc.id, "model", new Set());
      expect((await repos.sentenceVectors.hashesOf(doc.id, "model")).size).toBe(0);
    });

    test("ingestion leases: one holder per business, renewed by it, taken over once expired", async () => {
      const business = await newBusiness();
      const { row: doc } = await repos.documents.insertDocument({
        businessId: business.id,
        name: "l.txt",
        type: "txt",
        size: 1,
        sha256: "lease",
        now: NOW,
      });
      const lease = (owner: string, now: string) =>
        repos.ingestLeases.claim({
          businessId: business.id,
          documentId: doc.id,
          owner,
          now,
          until: later(30_000),
        });
      const claims = await Promise.all(["a", "b", "c"].map((owner) => lease(owner, NOW)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const holder = ["a", "b", "c"][claims.indexOf(true)]!;
      const other = holder === "a" ? "b" : "a";
      expect(await lease(holder, later(1))).toBe(true);
      expect(
        await repos.ingestLeases.renew({ businessId: business.id, owner: other, until: later(60_000) }),
      ).toBe(false);
      // A held business is skipped by the look for unclaimed documents, until its lease runs out.
      const look = (now: string) => repos.ingestLeases.claimNext({ owner: other, now, until: later(90_000) });
      const seen = async (now: string) => {
        for (let next = await look(now); next; next = await look(now))
          if (next.businessId === business.id) return next;
        return undefined;
      };
      expect(await seen(later(29_000))).toBeUndefined();
      expect(await seen(later(31_000))).toEqual({ documentId: doc.id, businessId: business.id });
      expect(
        await repos.ingestLeases.renew({ businessId: business.id, owner: holder, until: later(120_000) }),
      ).toBe(false);
      await repos.ingestLeases.release({ businessId: business.id, owner: other });
      expect(await lease(holder, later(32_000))).toBe(true);
    });

    test("the retention sweep deletes old messages, empty sessions and keeps counts right", async () => {
      const business = await repos.businesses.insertBusiness(
        { name: "Short", retentionDays: 1 },
        NOW,
        () => "",
      );
      const say = (sessionId: string, at: string) =>
        repos.sessions.appendMessage({
          id: crypto.randomUUID(),
          businessId: business.id,
          sessionId,
          sender: "assistant",
          message: "m",
          now: at,
        });
      await say("session-old-000000001", "2026-01-01T00:00:00.000Z");
      await say("session-mixed-0000001", "2026-01-01T00:00:00.000Z");
      await say("session-mixed-0000001", NOW);
      const deleted = await repos.retention.sweepExpiredMessages({
        now: new Date(later(1000)),
        defaultDays: null,
      });
      expect(deleted).toBeGreaterThanOrEqual(2);
      expect(await repos.sessions.sessionExists(business.id, "session-old-000000001")).toBe(false);
      expect(
        (await repos.transcripts.findSessionSummary(business.id, "session-mixed-0000001"))?.messageCount,
      ).toBe(1);
    });
  });
}
