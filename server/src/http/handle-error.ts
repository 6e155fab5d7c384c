import type { ErrorBody } from "@supportal/shared";
import type { Context } from "hono";
import { toAppError } from "../errors";

/** The one place an error becomes the contract's JSON error shape. Unknown errors never leak details. */
export function handleError(error: Error, c: Context): Response {
  const appError = toAppError(error);
  if (appError.code === "insufficient_storage" || appError.code === "storage_unavailable")
    console.error(`[supportal] ${c.req.method} ${c.req.path}: ${describeCause(error)}`);
  else if (appError.status >= 500) console.error("[supportal] unexpected error", error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  return c.json(body, appError.status);
}

/** One line for the log: what the operating system or database said. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ← ").replaceAll(/\s+/g, " ").slice(0, 500);
}
