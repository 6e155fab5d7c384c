import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { insertBusiness } from "../businesses/business-repo";
import { appendMessage } from "../chat/session-repo";
import { openDatabase } from "../db/client";
import { messages } from "../db/schema";
import { sqliteRepositories } from "../db/sqlite-repositories";
import { createMemoryCapReservations } from "./cap-reservations";
import { createDailyCap as createCap, shareOf } from "./daily-cap";
import { BUSINESS_VISITOR, ipVisitor, readUsage, sessionVisitor } from "./usage-repo";

const dir = await mkdtemp(join(tmpdir(), "supportal-cap-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

let now = new Date("2026-03-04T10:00:00Z");
const db = openDatabase(join(dir, "cap.sqlite"));
const config = { dailyMessageLimit: 100, sessionDailySharePercent: 10, ipDailySharePercent: 20 };
const repos = sqliteRepositories(db);
const business = insertBusiness(db, { name: "Counted" }, now.toISOString(), () => "");

const ask = (sessionId: string, ip: string, message = "a question") =>
  appendMessage(db, {
    id: crypto.randomUUID(),
    businessId: business.id,
    sessionId,
    sender: "user",
    message,
    ip,
    now: now.toISOString(),
  });

const createDailyCap = (deps: Omit<Parameters<typeof createCap>[0], "reservations">) =>
  createCap({ ...deps, reservations: createMemoryCapReservations() });

/** The scope that would refuse one more message, or null (the place it took is given back). */
async function refusing(cap: ReturnType<typeof createDailyCap>, visitor: Parameters<typeof cap.admit>[0]) {
  const admitted = await cap.admit(visitor);
  if ("refused" in admitted) return admitted.refused;
  admitted.release();
  return null;
}

describe("daily counters", () => {
  test("each stored customer message counts once for the business, its chat and its address", () => {
    ask("session-a", "10.0.0.1");
    ask("session-a", "10.0.0.1");
    ask("session-b", "10.0.0.1");
    appendMessage(db, {
      id: crypto.randomUUID(),
      businessId: business.id,
      sessionId: "session-a",
      sender: "assistant",
      message: "an answer",
      now: now.toISOString(),
    });
    const used = readUsage(db, business.id, "2026-03-04", [
      BUSINESS_VISITOR,
      sessionVisitor("session-a"),
      ipVisitor("10.0.0.1"),
    ]);
    expect(
      [BUSINESS_VISITOR, sessionVisitor("session-a"), ipVisitor("10.0.0.1")].map((key) => used.get(key)),
    ).toEqual([3, 2, 3]);
    expect(readUsage(db, business.id, "2026-03-04", [sessionVisitor("session-b")]).get("s:session-b")).toBe(
      1,
    );
  });

  test("a message whose transaction fails is not counted", () => {
    const id = crypto.randomUUID();
    const once = { id, businessId: business.id, sessionId: "session-c", sender: "user" as const };
    appendMessage(db, { ...once, message: "first", ip: "10.0.0.3", now: now.toISOString() });
    // The same id again violates the primary key: the whole transaction, counters included, rolls back.
    expect(() =>
      appendMessage(db, { ...once, message: "again", ip: "10.0.0.3", now: now.toISOString() }),
    ).toThrow();
    expect(readUsage(db, business.id, "2026-03-04", [sessionVisitor("session-c")]).get("s:session-c")).toBe(
      1,
    );
  });

  test("the cap reads the counters, not the messages table", async () => {
    const cap = createDailyCap({ repos, now: () => now, config });
    const visitor = { businessId: business.id, dailyMessageLimit: 5, sessionId: "session-d", ip: "10.0.0.4" };
    // Rows written past the counters (an import, a restore) are not what the cap reads.
    for (let i = 0; i < 10; i++) {
      db.insert(messages)
        .values({
          id: crypto.randomUUID(),
          businessId: business.id,
          sessionId: "session-d",
          sender: "user",
          message: "imported",
          createdAt: now.toISOString(),
        })
        .run();
    }
    // 4 counted so far today (3 + 1 above), under the business's own cap of 5.
    expect(await refusing(cap, visitor)).toBeNull();
  });
});

describe("the daily cap", () => {
  test("each visitor's share is a percent of the cap, at least one message", async () => {
    expect(shareOf(5000, 10)).toBe(500);
    expect(shareOf(5, 10)).toBe(1);
  });

  test("the business's cap, one chat's share and one address's share each refuse, in that order", async () => {
    now = new Date("2026-03-05T08:00:00Z");
    const cap = createDailyCap({ repos, now: () => now, config });
    const visitor = (sessionId: string, ip: string, dailyMessageLimit: number | null = null) => ({
      businessId: business.id,
      dailyMessageLimit,
      sessionId,
      ip,
    });
    // Cap 100: a chat may send 10, an address 20.
    for (let i = 0; i < 10; i++) ask("chatty", "10.1.0.1");
    expect(await refusing(cap, visitor("chatty", "10.1.0.1"))).toBe("session");
    expect(await refusing(cap, visitor("quiet", "10.1.0.1"))).toBeNull();
    for (let i = 0; i < 10; i++) ask(`one-of-many-${i}`, "10.1.0.1");
    expect(await refusing(cap, visitor("quiet", "10.1.0.1"))).toBe("ip");
    expect(await refusing(cap, visitor("quiet", "10.1.0.2"))).toBeNull();
    // A business cap of 20 is used up by those 20 messages, for everyone.
    expect(await refusing(cap, visitor("quiet", "10.1.0.2", 20))).toBe("business");
  });

  test("a message accepted but not stored yet holds its place until released", async () => {
    now = new Date("2026-03-06T08:00:00Z");
    const cap = createDailyCap({ repos, now: () => now, config });
    const visitor = { businessId: business.id, dailyMessageLimit: 100, sessionId: "queued", ip: "10.2.0.1" };
    const held = await Promise.all(Array.from({ length: 10 }, () => cap.admit(visitor)));
    const releases = held.map((admitted) => ("release" in admitted ? admitted.release : () => undefined));
    expect(await refusing(cap, visitor)).toBe("session");
    releases[0]!();
    releases[0]!();
    expect(await refusing(cap, visitor)).toBeNull();
  });

  test("visitor counters of past days are pruned on a new day; the business's total stays", async () => {
    now = new Date("2026-03-07T00:00:01Z");
    await refusing(createDailyCap({ repos, now: () => now, config }), {
      businessId: business.id,
      dailyMessageLimit: null,
      sessionId: "new-day",
      ip: "10.3.0.1",
    });
    expect(readUsage(db, business.id, "2026-03-05", [sessionVisitor("chatty")]).size).toBe(0);
    expect(readUsage(db, business.id, "2026-03-05", [BUSINESS_VISITOR]).get(BUSINESS_VISITOR)).toBe(20);
  });
});
