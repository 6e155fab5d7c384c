import { useEffect, useState } from "preact/hooks";

export const TABS = [
  "documents",
  "try",
  "inbox",
  "conversations",
  "review",
  "answers",
  "checks",
  "insights",
  "agents",
  "webhooks",
  "settings",
] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  | { page: "businesses" }
  | { page: "business"; businessId: number; tab: Tab; sessionId?: string }
  | { page: "not-found" };

/**
 * Routes live in the hash (`#/b/3/documents`), so the server serves one page at /dashboard and a
 * reload or a shared link still opens the same view.
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: "businesses" };
  const [head, id, tab = "documents", sessionId] = parts;
  if (head !== "b" || !id || !/^[1-9]\d{0,14}$/.test(id)) return { page: "not-found" };
  if (!(TABS as readonly string[]).includes(tab)) return { page: "not-found" };
  if (sessionId && tab !== "conversations" && tab !== "inbox") return { page: "not-found" };
  return { page: "business", businessId: Number(id), tab: tab as Tab, ...(sessionId ? { sessionId } : {}) };
}

export function href(route: Route): string {
  if (route.page !== "business") return "#/";
  const base = `#/b/${route.businessId}/${route.tab}`;
  return route.sessionId ? `${base}/${encodeURIComponent(route.sessionId)}` : base;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  location.hash = href(route);
}
