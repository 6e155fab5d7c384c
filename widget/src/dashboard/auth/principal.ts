import type { Api } from "../api/client";

/** Who is signed in: the admin, or the owner of one business. */
export type Principal = { kind: "admin" } | { kind: "business"; businessId: number; businessName: string };

const BUSINESS_KEY = /^sp_(\d{1,15})_[A-Za-z0-9_-]+$/;

/**
 * Finds out what a token is by asking the server: business keys name their business
 * (`sp_<id>_...`); anything else must be the admin token. A wrong token is an ApiError (401).
 */
export async function resolvePrincipal(api: Api): Promise<Principal> {
  const match = BUSINESS_KEY.exec(api.token);
  if (match) {
    const business = await api.getBusiness(Number(match[1]));
    return { kind: "business", businessId: business.id, businessName: business.name };
  }
  await api.listBusinesses();
  return { kind: "admin" };
}
