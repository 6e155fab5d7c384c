import {
  CuratedAnswerCreate,
  CuratedAnswerPatch,
  type CuratedImportResult,
  ExportQuery,
  MAX_CURATED_ANSWERS,
} from "@supportal/shared";
import { type Context, Hono } from "hono";
import * as z from "zod";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { readBody } from "../http/read-body";
import { describeIssues, MAX_JSON_BYTES, parseId, parseWith, readJson } from "../http/read-json";
import { type CURATED_CSV_COLUMNS, curatedCsv, parseCsv } from "./curated-csv";
import type { CuratedMatcher } from "./curated-matcher";
import { toCuratedAnswer } from "./curated-repo";

// The same cap as any JSON body (the request limits refuse a larger declared length first).
const MAX_CSV_BYTES = MAX_JSON_BYTES;

export interface CuratedRouteDeps {
  repos: Pick<Repositories, "businesses" | "curated" | "documents">;
  now: () => Date;
  curated: Pick<CuratedMatcher, "changed">;
}

/** `/api/businesses/:id/answers`: curated answers (CRUD), and their CSV export and import. */
export function curatedRoutes(deps: CuratedRouteDeps) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  async function checkDocument(businessId: number, documentId: number | null | undefined) {
    if (documentId && !(await deps.repos.documents.findDocumentRow(businessId, documentId)))
      throw new AppError(
        "validation_failed",
        `documentId: no document with id ${documentId} in this business.`,
      );
  }

  async function owned(c: Context<AuthEnv>) {
    const businessId = await ownedBusinessId(c, deps.repos);
    const id = parseId(c.req.param("answerId"), "curated answer");
    const row = await deps.repos.curated.findCuratedRow(businessId, id);
    if (!row) throw new AppError("not_found", `No curated answer with id ${id} in this business.`);
    return row;
  }

  async function roomFor(businessId: number, more: number) {
    if ((await deps.repos.curated.countCuratedRows(businessId)) + more > MAX_CURATED_ANSWERS)
      throw new AppError("conflict", `A business may have at most ${MAX_CURATED_ANSWERS} curated answers.`);
  }

  app.post("/:id/answers", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const input = await readJson(c, CuratedAnswerCreate);
    await checkDocument(businessId, input.documentId);
    await roomFor(businessId, 1);
    const row = await deps.repos.curated.insertCurated(businessId, fieldsOf(input), stamp());
    deps.curated.changed(businessId);
    return c.json(toCuratedAnswer(row), 201);
  });

  app.get("/:id/answers", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    return c.json({ answers: (await deps.repos.curated.listCuratedRows(businessId)).map(toCuratedAnswer) });
  });

  app.get("/:id/answers/export", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const { format = "csv" } = parseWith(ExportQuery, c.req.query());
    const rows = await deps.repos.curated.listCuratedRows(businessId);
    const name = `supportal-answers-${businessId}.${format}`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    if (format === "json") return c.json({ answers: rows.map(toCuratedAnswer) });
    c.header("Content-Type", "text/csv; charset=utf-8");
    return c.body(curatedCsv(rows));
  });

  app.post("/:id/answers/import", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (!type.includes("text/csv") && !type.includes("text/plain"))
      throw new AppError("unsupported_media_type", "Send the file as CSV (Content-Type: text/csv).");
    const rows = parseCsv(await readText(c.req.raw));
    if (!rows) throw new AppError("validation_failed", "The CSV has a quote that is never closed.");
    const result = await importRows(businessId, rows);
    if (result.imported > 0) deps.curated.changed(businessId);
    return c.json(result, 200);
  });

  app.get("/:id/answers/:answerId", async (c) => c.json(toCuratedAnswer(await owned(c))));

  app.patch("/:id/answers/:answerId", async (c) => {
    const row = await owned(c);
    const patch = await readJson(c, CuratedAnswerPatch);
    await checkDocument(row.businessId, patch.documentId);
    const updated = await deps.repos.curated.updateCurated(row.id, partialFieldsOf(patch), stamp());
    deps.curated.changed(row.businessId);
    return c.json(toCuratedAnswer(updated));
  });

  app.delete("/:id/answers/:answerId", async (c) => {
    const row = await owned(c);
    await deps.repos.curated.deleteCurated(row.businessId, row.id);
    deps.curated.changed(row.businessId);
    return c.body(null, 204);
  });

  /** Each row is validated like a POST; a row with a known `id` updates that answer. All or nothing per row. */
  async function importRows(businessId: number, rows: string[][]): Promise<CuratedImportResult> {
    const [header, ...body] = rows;
    const columns = (header ?? []).map((name) => name.trim().toLowerCase());
    const at = (name: (typeof CURATED_CSV_COLUMNS)[number]) => columns.indexOf(name);
    if (at("question") < 0 || at("answer") < 0)
      throw new AppError(
        "validation_failed",
        "The first row must name the columns, with at least question and answer.",
      );
    const result: CuratedImportResult = { imported: 0, errors: [] };
    // The curated answers' ids of this business: a row naming one updates it, any other is new.
    const known = new Set((await deps.repos.curated.listCuratedRows(businessId)).map((row) => row.id));
    const idOf = (cells: string[]) => Number(cells[at("id")] ?? "");
    await roomFor(businessId, body.filter((cells) => !known.has(idOf(cells))).length);
    const entries: { id: number; fields: ReturnType<typeof fieldsOf> }[] = [];
    for (const [index, cells] of body.entries()) {
      const cell = (name: (typeof CURATED_CSV_COLUMNS)[number]) =>
        at(name) >= 0 ? (cells[at(name)] ?? "") : "";
      const documentCell = cell("document_id").trim();
      const candidate = {
        question: cell("question"),
        variants: cell("variants")
          .split(/\r?\n/)
          .map((v) => v.trim())
          .filter(Boolean),
        answer: cell("answer"),
        documentId: documentCell ? Number(documentCell) : null,
      };
      const parsed = z.safeParse(CuratedAnswerCreate, candidate);
      const row = index + 2;
      if (!parsed.success) {
        result.errors.push({ row, message: describeIssues(parsed.error.issues) });
        continue;
      }
      const documentId = parsed.data.documentId;
      if (documentId && !(await deps.repos.documents.findDocumentRow(businessId, documentId))) {
        result.errors.push({
          row,
          message: `document_id: no document with id ${documentId} in this business.`,
        });
        continue;
      }
      entries.push({ id: Number(cell("id") || Number.NaN), fields: fieldsOf(parsed.data) });
    }
    await deps.repos.curated.importCurated(businessId, entries, stamp());
    result.imported = entries.length;
    return result;
  }

  return app;
}

function fieldsOf(input: CuratedAnswerCreate) {
  return {
    question: input.question,
    variants: dedupe(input.variants ?? []),
    answer: input.answer,
    documentId: input.documentId ?? null,
  };
}

function partialFieldsOf(patch: CuratedAnswerPatch) {
  return {
    ...(patch.question !== undefined ? { question: patch.question } : {}),
    ...(patch.variants !== undefined ? { variants: dedupe(patch.variants) } : {}),
    ...(patch.answer !== undefined ? { answer: patch.answer } : {}),
    ...(patch.documentId !== undefined ? { documentId: patch.documentId } : {}),
  };
}

const dedupe = (values: string[]) => [...new Set(values)];

async function readText(request: Request): Promise<string> {
  const pieces: Uint8Array[] = [];
  const tooLarge = () => new AppError("payload_too_large", `The CSV may be at most ${MAX_CSV_BYTES} bytes.`);
  for await (const piece of readBody(request, MAX_CSV_BYTES, tooLarge)) pieces.push(piece);
  return new TextDecoder().decode(Buffer.concat(pieces));
}
