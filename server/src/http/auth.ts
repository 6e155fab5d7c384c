import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { parseApiKey, secretMatches } from "../businesses/api-keys";
import { findBusinessRow } from "../businesses/business-repo";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { parseId } from "./read-json";

export type Principal = { kind: "admin" } | { kind: "business"; businessId: number };

export type AuthEnv = { Variables: { principal: Principal } };

function sameToken(given: string, expected: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Resolves the bearer token to the admin or one business; anything else is a 401. */
export function requireAuth(deps: { db: Db; adminToken: string }): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw new AppError("unauthorized", "Send an Authorization: Bearer <token> header.");
    c.set("principal", resolvePrincipal(deps, token));
    await next();
  };
}

function resolvePrincipal(deps: { db: Db; adminToken: string }, token: string): Principal {
  if (sameToken(token, deps.adminToken)) return { kind: "admin" };
  const parsed = parseApiKey(token);
  const row = parsed ? findBusinessRow(deps.db, parsed.businessId) : undefined;
  if (row?.apiKeyHash && secretMatches(token, row.apiKeyHash))
    return { kind: "business", businessId: row.id };
  throw new AppError("unauthorized", "The token is not valid.");
}

export function requireAdmin(c: Context<AuthEnv>): void {
  if (c.get("principal").kind !== "admin") {
    throw new AppError("forbidden", "Only the admin token may do this.");
  }
}

/** A business key may act only on its own business; the admin on any. */
export function requireBusinessAccess(c: Context<AuthEnv>, businessId: number): void {
  const principal = c.get("principal");
  if (principal.kind === "admin" || principal.businessId === businessId) return;
  throw new AppError("forbidden", "This API key belongs to another business.");
}

/** The business of the path's `:id`, once the caller may act on it and it exists: else 400, 403 or 404. */
export function ownedBusiness(c: Context<AuthEnv>, db: Db) {
  const id = parseId(c.req.param("id"), "business");
  requireBusinessAccess(c, id);
  const row = findBusinessRow(db, id);
  if (!row) throw new AppError("not_found", `No business with id ${id}.`);
  return row;
}

/** `ownedBusiness`, for routes that need only the id. */
export const ownedBusinessId = (c: Context<AuthEnv>, db: Db): number => ownedBusiness(c, db).id;
