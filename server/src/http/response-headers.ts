import type { MiddlewareHandler } from "hono";

/**
 * Headers every answer of ours needs: `nosniff` on JSON, so a browser never runs an answer as a
 * script or page; and `no-store` on the authenticated API unless a route chose otherwise, because its
 * answers carry API keys, tokens and customers' transcripts, which no cache may keep.
 */
export function responseHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (headers.get("content-type")?.includes("application/json")) {
      headers.set("X-Content-Type-Options", "nosniff");
    }
    if (c.req.path.startsWith("/api/businesses") && !headers.has("cache-control")) {
      headers.set("Cache-Control", "no-store");
    }
  };
}
