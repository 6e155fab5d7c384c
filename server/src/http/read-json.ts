import type { Context } from "hono";
import * as z from "zod";
import { AppError } from "../errors";
import { readBody } from "./read-body";

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body and validates it; every failure is a 4xx with a sentence a person can act on. */
export async function readJson<Schema extends z.core.$ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.core.output<Schema>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const raw = await readCappedText(c.req.raw, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
  return parseWith(schema, value);
}

/** The body as text, refused as soon as it passes `maxBytes` (a body without a length is never buffered whole). */
async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const pieces: Uint8Array[] = [];
  const tooLarge = () => new AppError("payload_too_large", "The JSON body is too large.");
  for await (const piece of readBody(request, maxBytes, tooLarge)) pieces.push(piece);
  return Buffer.concat(pieces).toString("utf8");
}

export function parseWith<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
): z.core.output<Schema> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new AppError("validation_failed", describeIssues(result.error.issues));
  return result.data;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** The largest id a row can have: PostgreSQL's `integer`. */
export const MAX_ROW_ID = 2_147_483_647;

/** Route ids are positive integers; anything else is simply not found. */
export function parseId(value: string | undefined, what: string): number {
  const id = Number(value);
  // Ids are 32-bit on every database (PostgreSQL's integer): a larger one names nothing.
  if (!value || !/^\d{1,10}$/.test(value) || id < 1 || id > MAX_ROW_ID) {
    throw new AppError("not_found", `No ${what} with id ${JSON.stringify(value ?? "")}.`);
  }
  return id;
}
