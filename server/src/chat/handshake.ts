import { LANGUAGE_TAG_PATTERN, normalizeOrigin, SESSION_ID_PATTERN } from "@supportal/shared";
import type { Context } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { parseId } from "../http/read-json";
import { chatLanguageOf } from "./detect-language";

/** The checks a chat handshake must pass before the upgrade, each with its own HTTP status. */
export async function checkHandshake(
  c: Context,
  repos: Pick<Repositories, "businesses" | "refusedOrigins">,
  ownOrigins: string[],
  now: () => Date,
) {
  const businessId = parseId(c.req.param("businessId"), "business");
  const sessionId = c.req.param("sessionId") ?? "";
  if (!SESSION_ID_PATTERN.test(sessionId)) {
    throw new AppError("bad_request", "The session id must be 16 to 64 characters of A-Z, a-z, 0-9, _ or -.");
  }
  const business = await repos.businesses.findBusinessRow(businessId);
  if (!business) throw new AppError("not_found", `No business with id ${businessId}.`);
  const origin = c.req.header("origin");
  if (business.allowedOrigins.length > 0 && !originAllowed(origin, business.allowedOrigins, ownOrigins)) {
    await refuseOrigin(repos, businessId, origin ?? "", now);
  }
  // The widget's language, `?lang=de`: replies and notices use it when a message does not show its own.
  const tag = c.req.query("lang");
  if (tag !== undefined && !LANGUAGE_TAG_PATTERN.test(tag)) {
    throw new AppError("bad_request", "lang must be a language tag such as en, de or fr-CA.");
  }
  return { businessId, sessionId, lang: chatLanguageOf(tag) };
}

/** Records a site refused by the business's allowed origins (for its owner to see), and refuses it. */
export async function refuseOrigin(
  repos: Pick<Repositories, "refusedOrigins">,
  businessId: number,
  origin: string,
  now: () => Date,
): Promise<never> {
  await repos.refusedOrigins.recordRefusedOrigin(businessId, origin, now().toISOString());
  throw new AppError("forbidden", "This site is not allowed to use this business's chat.");
}

/** Listed origins may connect, and so may the server's own pages (the dashboard's "try it"). */
export function originAllowed(origin: string | undefined, allowed: string[], own: string[]): boolean {
  if (!origin) return false;
  // Stored normalised since they were first checked; older rows may not be.
  const listed = allowed.map((entry) => normalizeOrigin(entry) ?? entry);
  return listed.includes(origin) || own.includes(origin);
}
