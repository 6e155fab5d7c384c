import { CheckCreate, CheckPatch, MAX_CHECKS } from "@supportal/shared";
import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, parseWith, readJson } from "../http/read-json";
import type { CheckRunner } from "./check-runner";

const RUNS_DEFAULT = 20;
const RUNS_MAX = 200;
const RunsQuery = z.object({
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "a whole number up to 999"))),
});

export interface CheckRouteDeps {
  repos: Pick<Repositories, "businesses" | "checks" | "documents" | "suggestions">;
  now: () => Date;
  checks: Pick<CheckRunner, "run">;
}

/** `/api/businesses/:id/checks`: golden questions (CRUD), runs on demand, their history, starter checks. */
export function checkRoutes(deps: CheckRouteDeps) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  async function checkDocument(businessId: number, documentId: number | undefined) {
    if (documentId && !(await deps.repos.documents.findDocumentRow(businessId, documentId)))
      throw new AppError(
        "validation_failed",
        `expect.documentId: no document with id ${documentId} in this business.`,
      );
  }

  async function roomFor(businessId: number) {
    if ((await deps.repos.checks.listCheckRows(businessId)).length >= MAX_CHECKS)
      throw new AppError("conflict", `A business may have at most ${MAX_CHECKS} checks.`);
  }

  async function owned(c: Context<AuthEnv>) {
    const businessId = await ownedBusinessId(c, deps.repos);
    const id = parseId(c.req.param("checkId"), "check");
    const row = await deps.repos.checks.findCheckRow(businessId, id);
    if (!row) throw new AppError("not_found", `No check with id ${id} in this business.`);
    return row;
  }

  const viewOf = async (businessId: number, id: number) =>
    (await deps.repos.checks.listChecks(businessId)).find((check) => check.id === id)!;

  app.post("/:id/checks", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const input = await readJson(c, CheckCreate);
    await checkDocument(businessId, input.expect.documentId);
    await roomFor(businessId);
    const row = await deps.repos.checks.insertCheck(businessId, input, stamp());
    return c.json(await viewOf(businessId, row.id), 201);
  });

  app.get("/:id/checks", async (c) =>
    c.json({ checks: await deps.repos.checks.listChecks(await ownedBusinessId(c, deps.repos)) }),
  );

  app.post("/:id/checks/run", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    if ((await deps.repos.checks.listCheckRows(businessId)).length === 0)
      throw new AppError("conflict", "This business has no checks to run yet.");
    const run = await deps.checks.run(businessId, "manual", "run on demand");
    if (!run)
      throw new AppError(
        "conflict",
        "The checks could not run (the business has none, or it is shutting down).",
      );
    return c.json(run);
  });

  app.get("/:id/checks/runs", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const { limit } = parseWith(RunsQuery, c.req.query());
    return c.json({
      runs: await deps.repos.checks.listRuns(
        businessId,
        Math.min(Number(limit ?? RUNS_DEFAULT) || 1, RUNS_MAX),
      ),
    });
  });

  app.get("/:id/checks/runs/:runId", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const runId = parseId(c.req.param("runId"), "run");
    const run = await deps.repos.checks.findRun(businessId, runId);
    if (!run) throw new AppError("not_found", `No run with id ${runId} in this business.`);
    return c.json(run);
  });

  app.get("/:id/checks/suggestions", async (c) =>
    c.json({
      suggestions: await deps.repos.suggestions.listSuggestions(await ownedBusinessId(c, deps.repos)),
    }),
  );

  /** Accepting a starter check makes it a check; dismissing drops it. */
  app.post("/:id/checks/suggestions/:suggestionId/accept", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const id = parseId(c.req.param("suggestionId"), "suggestion");
    const suggestion = (await deps.repos.suggestions.listSuggestions(businessId)).find((s) => s.id === id);
    if (!suggestion) throw new AppError("not_found", `No suggestion with id ${id} in this business.`);
    await roomFor(businessId);
    const row = await deps.repos.suggestions.adoptSuggestion(
      businessId,
      id,
      { question: suggestion.question, expect: suggestion.expect },
      stamp(),
    );
    if (!row) throw new AppError("not_found", `No suggestion with id ${id} in this business.`);
    return c.json(await viewOf(businessId, row.id), 201);
  });

  app.delete("/:id/checks/suggestions/:suggestionId", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const id = parseId(c.req.param("suggestionId"), "suggestion");
    if (!(await deps.repos.suggestions.takeSuggestion(businessId, id)))
      throw new AppError("not_found", `No suggestion with id ${id} in this business.`);
    return c.body(null, 204);
  });

  app.get("/:id/checks/:checkId", async (c) => {
    const row = await owned(c);
    return c.json(await viewOf(row.businessId, row.id));
  });

  app.patch("/:id/checks/:checkId", async (c) => {
    const row = await owned(c);
    const patch = await readJson(c, CheckPatch);
    await checkDocument(row.businessId, patch.expect?.documentId);
    await deps.repos.checks.updateCheck(row.id, patch, stamp());
    return c.json(await viewOf(row.businessId, row.id));
  });

  app.delete("/:id/checks/:checkId", async (c) => {
    const row = await owned(c);
    await deps.repos.checks.deleteCheck(row.businessId, row.id);
    return c.body(null, 204);
  });

  return app;
}
