import type { Api } from "../api/client";

/** Who is signed in: the admin, the owner of one business, or an agent answering in one business's inbox. */
export type Principal =
  | { kind: "admin" }
  | { kind: "business"; businessId: number; businessName: string }
  | { kind: "agent"; businessId: number; agentName: string };

/** Finds out what a token is by asking the server (`GET /api/me`). A wrong token is an ApiError (401). */
export async function resolvePrincipal(api: Api): Promise<Principal> {
  const me = await api.me();
  if (me.kind === "admin") return me;
  if (me.kind === "agent") return { kind: "agent", businessId: me.businessId, agentName: me.agent.name };
  const business = await api.getBusiness(me.businessId);
  return { kind: "business", businessId: business.id, businessName: business.name };
}
