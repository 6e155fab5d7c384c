import type { Check } from "@supportal/shared";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { checkResults, checkRuns, checks } from "../db/pg-schema";
import { type CheckRepo, lastOutcome, toResult, toRunSummary } from "./checks-repo";

type Executor = Pick<PgDb, "select" | "insert" | "update" | "delete">;

export const listCheckRowsPg = (executor: Executor, businessId: number) =>
  executor.select().from(checks).where(eq(checks.businessId, businessId)).orderBy(asc(checks.id));

export const insertCheckPg = async (
  executor: Executor,
  businessId: number,
  input: Parameters<CheckRepo["insertCheck"]>[1],
  now: string,
) =>
  (
    await executor
      .insert(checks)
      .values({ businessId, ...input, createdAt: now, updatedAt: now })
      .returning()
  )[0]!;

/** Golden questions and their runs on PostgreSQL. */
export function pgCheckRepo(db: PgDb): CheckRepo {
  return {
    listCheckRows: (businessId) => listCheckRowsPg(db, businessId),
    findCheckRow: async (businessId, id) =>
      (
        await db
          .select()
          .from(checks)
          .where(and(eq(checks.businessId, businessId), eq(checks.id, id)))
      )[0],
    insertCheck: (businessId, input, now) => insertCheckPg(db, businessId, input, now),
    updateCheck: async (id, input, now) =>
      (
        await db
          .update(checks)
          .set({ ...input, updatedAt: now })
          .where(eq(checks.id, id))
          .returning()
      )[0]!,
    deleteCheck: async (businessId, id) =>
      (
        await db
          .delete(checks)
          .where(and(eq(checks.businessId, businessId), eq(checks.id, id)))
          .returning({ id: checks.id })
      ).length > 0,
    insertRun: async (input) =>
      (
        await db
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
      )[0]!,
    finishRun: (runId, results, now) =>
      db.transaction(async (tx) => {
        if (results.length)
          await tx.insert(checkResults).values(results.map((result) => ({ runId, ...result })));
        const [row] = await tx
          .update(checkRuns)
          .set({
            status: "done",
            finishedAt: now,
            passed: results.filter((r) => r.passed).length,
            failed: results.filter((r) => !r.passed).length,
            regressions: results.filter((r) => r.regression).length,
          })
          .where(eq(checkRuns.id, runId))
          .returning();
        return row!;
      }),
    listRuns: async (businessId, limit) =>
      (
        await db
          .select()
          .from(checkRuns)
          .where(eq(checkRuns.businessId, businessId))
          .orderBy(desc(checkRuns.id))
          .limit(limit)
      ).map(toRunSummary),
    findRun: async (businessId, runId) => {
      const [run] = await db
        .select()
        .from(checkRuns)
        .where(and(eq(checkRuns.businessId, businessId), eq(checkRuns.id, runId)));
      if (!run) return undefined;
      const results = (await db.select().from(checkResults).where(eq(checkResults.runId, runId))).map(
        toResult,
      );
      return { ...toRunSummary(run), results };
    },
    previousResults: async (checkIds, beforeRunId) => {
      if (checkIds.length === 0) return new Map();
      const rows = await db
        .select({ checkId: checkResults.checkId, passed: checkResults.passed, runId: checkResults.runId })
        .from(checkResults)
        .where(and(inArray(checkResults.checkId, checkIds), lt(checkResults.runId, beforeRunId)))
        .orderBy(desc(checkResults.runId));
      const latest = new Map<number, boolean>();
      for (const row of rows) if (!latest.has(row.checkId)) latest.set(row.checkId, row.passed);
      return latest;
    },
    listChecks: async (businessId): Promise<Check[]> => {
      const rows = await listCheckRowsPg(db, businessId);
      if (rows.length === 0) return [];
      const latest = await db
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
        );
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
    },
  };
}
