import type { Check, CheckExpect, CheckResult, CheckRunSummary, CheckTrigger } from "@supportal/shared";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { checkResults, checkRuns, checks } from "../db/schema";

export type CheckRow = typeof checks.$inferSelect;
type RunRow = typeof checkRuns.$inferSelect;
type ResultRow = typeof checkResults.$inferSelect;

export function listCheckRows(db: Db, businessId: number): CheckRow[] {
  return db.select().from(checks).where(eq(checks.businessId, businessId)).orderBy(asc(checks.id)).all();
}

export function findCheckRow(db: Db, businessId: number, id: number): CheckRow | undefined {
  return db
    .select()
    .from(checks)
    .where(and(eq(checks.businessId, businessId), eq(checks.id, id)))
    .get();
}

export function insertCheck(
  db: Db,
  businessId: number,
  input: { question: string; expect: CheckExpect },
  now: string,
): CheckRow {
  return db
    .insert(checks)
    .values({ businessId, ...input, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function updateCheck(
  db: Db,
  id: number,
  input: { question?: string; expect?: CheckExpect },
  now: string,
): CheckRow {
  return db
    .update(checks)
    .set({ ...input, updatedAt: now })
    .where(eq(checks.id, id))
    .returning()
    .get()!;
}

export function deleteCheck(db: Db, businessId: number, id: number): boolean {
  const gone = db
    .delete(checks)
    .where(and(eq(checks.businessId, businessId), eq(checks.id, id)))
    .returning({ id: checks.id })
    .all();
  return gone.length > 0;
}

export function toRunSummary(row: RunRow): CheckRunSummary {
  return {
    id: row.id,
    trigger: row.trigger,
    reason: row.reason,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    total: row.total,
    passed: row.passed,
    failed: row.failed,
    regressions: row.regressions,
  };
}

export function toResult(row: ResultRow): CheckResult {
  return {
    checkId: row.checkId,
    question: row.question,
    passed: row.passed,
    regression: row.regression,
    reason: row.reason,
    answer: row.answer,
    kind: row.kind,
    sources: row.sources,
  };
}

export function insertRun(
  db: Db,
  input: { businessId: number; trigger: CheckTrigger; reason: string; total: number; now: string },
): RunRow {
  return db
    .insert(checkRuns)
    .values({
      businessId: input.businessId,
      trigger: input.trigger,
      reason: input.reason,
      status: "running",
      startedAt: input.now,
      total: input.total,
    })
    .returning()
    .get();
}

/** Stores a run's results and closes it, in one transaction. */
export function finishRun(db: Db, runId: number, results: CheckResult[], now: string): RunRow {
  return db.transaction((tx) => {
    if (results.length)
      tx.insert(checkResults)
        .values(results.map((result) => ({ runId, ...result })))
        .run();
    return tx
      .update(checkRuns)
      .set({
        status: "done",
        finishedAt: now,
        passed: results.filter((r) => r.passed).length,
        failed: results.filter((r) => !r.passed).length,
        regressions: results.filter((r) => r.regression).length,
      })
      .where(eq(checkRuns.id, runId))
      .returning()
      .get()!;
  });
}

export function listRuns(db: Db, businessId: number, limit: number): CheckRunSummary[] {
  return db
    .select()
    .from(checkRuns)
    .where(eq(checkRuns.businessId, businessId))
    .orderBy(desc(checkRuns.id))
    .limit(limit)
    .all()
    .map(toRunSummary);
}

export function findRun(db: Db, businessId: number, runId: number) {
  const run = db
    .select()
    .from(checkRuns)
    .where(and(eq(checkRuns.businessId, businessId), eq(checkRuns.id, runId)))
    .get();
  if (!run) return undefined;
  const results = db.select().from(checkResults).where(eq(checkResults.runId, runId)).all().map(toResult);
  return { ...toRunSummary(run), results };
}

/** Each check's result in the latest finished run before `beforeRunId` that had it. */
export function previousResults(db: Db, checkIds: number[], beforeRunId: number): Map<number, boolean> {
  if (checkIds.length === 0) return new Map();
  const rows = db
    .select({ checkId: checkResults.checkId, passed: checkResults.passed, runId: checkResults.runId })
    .from(checkResults)
    .where(and(inArray(checkResults.checkId, checkIds), lt(checkResults.runId, beforeRunId)))
    .orderBy(desc(checkResults.runId))
    .all();
  const latest = new Map<number, boolean>();
  for (const row of rows) if (!latest.has(row.checkId)) latest.set(row.checkId, row.passed);
  return latest;
}

/** The checks as the API shows them, each with its outcome in the latest run that had it. */
export function listChecks(db: Db, businessId: number): Check[] {
  const rows = listCheckRows(db, businessId);
  if (rows.length === 0) return [];
  const latest = db
    .select({ result: checkResults, at: checkRuns.finishedAt })
    .from(checkResults)
    .innerJoin(checkRuns, eq(checkRuns.id, checkResults.runId))
    .where(
      and(
        eq(checkRuns.businessId, businessId),
        eq(
          checkResults.runId,
          sql`(select max(r2.run_id) from check_results r2 where r2.check_id = ${checkResults.checkId})`,
        ),
      ),
    )
    .all();
  const byCheck = new Map(latest.map((row) => [row.result.checkId, row]));
  return rows.map((row) => {
    const last = byCheck.get(row.id);
    return {
      id: row.id,
      question: row.question,
      expect: row.expect,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      last: last ? lastOutcome(last.result, last.at) : null,
    };
  });
}

export function lastOutcome(row: ResultRow, at: string | null): NonNullable<Check["last"]> {
  const { checkId: _check, question: _question, ...outcome } = toResult(row);
  return { ...outcome, runId: row.runId, at: at ?? "" };
}

export const checkQueries = {
  listCheckRows,
  findCheckRow,
  insertCheck,
  updateCheck,
  deleteCheck,
  insertRun,
  finishRun,
  listRuns,
  findRun,
  previousResults,
  listChecks,
};
export type CheckRepo = AsyncRepo<typeof checkQueries>;
