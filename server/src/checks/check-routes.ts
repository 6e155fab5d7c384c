import { CheckCreate, CheckPatch, MAX_CHECKS } from "@supportal/shared";
import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import type { Db } from "../db/client";
import { findDocumentRow } from "../documents/document-repo";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, parseWith, readJson } from "../http/read-json";
import type { CheckRunner } from "./check-runner";
import {
  deleteCheck,
  findCheckRow,
  findRun,
  insertCheck,
  listCheckRows,
  listChecks,
  listRuns,
  updateCheck,
} from "./checks-repo";
import { listSuggestions, takeSuggestion } from "./starter-checks";

const RUNS_DEFAULT = 20;
const RUNS_MAX = 200;
const RunsQuery = z.object({
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "a whole number up to 999"))),
});

export interface CheckRouteDeps {
  db: Db;
  now: () => Date;
  checks: Pick<CheckRunner, "run">;
}

/** `/api/businesses/:id/checks`: golden questions (CRUD), runs on demand, their history, starter checks. */
export function checkRoutes(deps: CheckRouteDeps) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  function checkDocument(businessId: number, documentId: number | undefined) {
    if (documentId && !findDocumentRow(deps.db, businessId, documentId))
      throw new AppError(
        "validation_failed",
        `expect.documentId: no document with id ${documentId} in this business.`,
      );
  }

  function roomFor(businessId: number) {
    if (listCheckRows(deps.db, businessId).length >= MAX_CHECKS)
      throw new AppError("conflict", `A business may have at most ${MAX_CHECKS} checks.`);
  }

  function owned(c: Context<AuthEnv>) {
    const businessId = ownedBusinessId(c, deps.db);
    const id = parseId(c.req.param("checkId"), "check");
    const row = findCheckRow(deps.db, businessId, id);
    if (!row) throw new AppError("not_found", `No check with id ${id} in this business.`);
    return row;
  }

  const viewOf = (businessId: number, id: number) =>
    listChecks(deps.db, businessId).find((check) => check.id === id)!;

  app.post("/:id/checks", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const input = await readJson(c, CheckCreate);
    checkDocument(businessId, input.expect.documentId);
    roomFor(businessId);
    const row = insertCheck(deps.db, businessId, input, stamp());
    return c.json(viewOf(businessId, row.id), 201);
  });

  app.get("/:id/checks", (c) => c.json({ checks: listChecks(deps.db, ownedBusinessId(c, deps.db)) }));

  app.post("/:id/checks/run", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    if (listCheckRows(deps.db, businessId).length === 0)
      throw new AppError("conflict", "This business has no checks to run yet.");
    const run = await deps.checks.run(businessId, "manual", "run on demand");
    if (!run)
      throw new AppError(
        "conflict",
        "The checks could not run (the business has none, or it is shutting down).",
      );
    return c.json(run);
  });

  app.get("/:id/checks/runs", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const { limit } = parseWith(RunsQuery, c.req.query());
    return c.json({
      runs: listRuns(deps.db, businessId, Math.min(Number(limit ?? RUNS_DEFAULT) || 1, RUNS_MAX)),
    });
  });

  app.get("/:id/checks/runs/:runId", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const runId = parseId(c.req.param("runId"), "run");
    const run = findRun(deps.db, businessId, runId);
    if (!run) throw new AppError("not_found", `No run with id ${runId} in this business.`);
    return c.json(run);
  });

  app.get("/:id/checks/suggestions", (c) =>
    c.json({ suggestions: listSuggestions(deps.db, ownedBusinessId(c, deps.db)) }),
  );

  /** Accepting a starter check makes it a check; dismissing drops it. */
  app.post("/:id/checks/suggestions/:suggestionId/accept", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const id = parseId(c.req.param("suggestionId"), "suggestion");
    const suggestion = listSuggestions(deps.db, businessId).find((s) => s.id === id);
    if (!suggestion) throw new AppError("not_found", `No suggestion with id ${id} in this business.`);
    roomFor(businessId);
    const row = deps.db.transaction(() => {
      takeSuggestion(deps.db, businessId, id);
      return insertCheck(
        deps.db,
        businessId,
        { question: suggestion.question, expect: suggestion.expect },
        stamp(),
      );
    });
    return c.json(viewOf(businessId, row.id), 201);
  });

  app.delete("/:id/checks/suggestions/:suggestionId", (c) => {
    const businessId = ownedBusinessId(c, deps.db);
    const id = parseId(c.req.param("suggestionId"), "suggestion");
    if (!takeSuggestion(deps.db, businessId, id))
      throw new AppError("not_found", `No suggestion with id ${id} in this business.`);
    return c.body(null, 204);
  });

  app.get("/:id/checks/:checkId", (c) => {
    const row = owned(c);
    return c.json(viewOf(row.businessId, row.id));
  });

  app.patch("/:id/checks/:checkId", async (c) => {
    const row = owned(c);
    const patch = await readJson(c, CheckPatch);
    checkDocument(row.businessId, patch.expect?.documentId);
    updateCheck(deps.db, row.id, patch, stamp());
    return c.json(viewOf(row.businessId, row.id));
  });

  app.delete("/:id/checks/:checkId", (c) => {
    const row = owned(c);
    deleteCheck(deps.db, row.businessId, row.id);
    return c.body(null, 204);
  });

  return app;
}
