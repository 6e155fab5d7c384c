import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { parseAgentToken } from "../agents/agent-tokens";
import { parseApiKey, secretMatches } from "../businesses/api-keys";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { parseId } from "./read-json";

export type Principal =
  | { kind: "admin" }
  | { kind: "business"; businessId: number }
  /** A person of one business: reads conversations and acts in its inbox, nothing else. */
  | { kind: "agent"; businessId: number; agentId: number; name: string };

export type AuthEnv = { Variables: { principal: Principal } };

/** What resolving a bearer token reads. */
export interface AuthDeps {
  repos: Pick<Repositories, "businesses" | "agents">;
  adminToken: string;
}

/** What `ownedBusiness` reads. */
export type BusinessLookup = Pick<Repositories, "businesses">;

function sameToken(given: string, expected: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Resolves the bearer token to the admin or one business; anything else is a 401. */
export function requireAuth(deps: AuthDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw new AppError("unauthorized", "Send an Authorization: Bearer <token> header.");
    c.set("principal", await resolvePrincipal(deps, token));
    await next();
  };
}

/** The admin, a business (by its key) or an agent (by its token); null for anything else. */
export async function findPrincipal(deps: AuthDeps, token: string): Promise<Principal | null> {
  if (sameToken(token, deps.adminToken)) return { kind: "admin" };
  const agent = parseAgentToken(token);
  if (agent) {
    const row = await deps.repos.agents.findAgentRow(agent.agentId);
    if (row?.tokenHash && secretMatches(token, row.tokenHash))
      return { kind: "agent", businessId: row.businessId, agentId: row.id, name: row.name };
    return null;
  }
  const parsed = parseApiKey(token);
  const row = parsed ? await deps.repos.businesses.findBusinessRow(parsed.businessId) : undefined;
  if (row?.apiKeyHash && secretMatches(token, row.apiKeyHash))
    return { kind: "business", businessId: row.id };
  return null;
}

async function resolvePrincipal(deps: AuthDeps, token: string): Promise<Principal> {
  const principal = await findPrincipal(deps, token);
  if (!principal) throw new AppError("unauthorized", "The token is not valid.");
  return principal;
}

export function requireAdmin(c: Context<AuthEnv>): void {
  if (c.get("principal").kind !== "admin") {
    throw new AppError("forbidden", "Only the admin token may do this.");
  }
}

/**
 * A business key may act only on its own business; the admin on any. An agent token only where
 * `allowAgent` says so (reading conversations), and only in its own business.
 */
export function requireBusinessAccess(c: Context<AuthEnv>, businessId: number, allowAgent = false): void {
  const principal = c.get("principal");
  if (principal.kind === "admin") return;
  if (principal.kind === "agent" && !allowAgent) {
    throw new AppError("forbidden", "An agent token may only read conversations and use the inbox.");
  }
  if (principal.businessId === businessId) return;
  throw new AppError(
    "forbidden",
    `This ${principal.kind === "agent" ? "agent" : "API key"} belongs to another business.`,
  );
}

/** The business of the path's `:id`, once the caller may act on it and it exists: else 400, 403 or 404. */
export async function ownedBusiness(
  c: Context<AuthEnv>,
  repos: BusinessLookup,
  options: { allowAgent?: boolean } = {},
) {
  const id = parseId(c.req.param("id"), "business");
  requireBusinessAccess(c, id, options.allowAgent);
  const row = await repos.businesses.findBusinessRow(id);
  if (!row) throw new AppError("not_found", `No business with id ${id}.`);
  return row;
}

/** `ownedBusiness`, for routes that need only the id. */
export const ownedBusinessId = async (c: Context<AuthEnv>, repos: BusinessLookup): Promise<number> =>
  (await ownedBusiness(c, repos)).id;

/** `ownedBusinessId`, where the business's agents may read too (conversations). */
export const readableBusinessId = async (c: Context<AuthEnv>, repos: BusinessLookup): Promise<number> =>
  (await ownedBusiness(c, repos, { allowAgent: true })).id;
