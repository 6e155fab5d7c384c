import { createHash } from "node:crypto";
import { join } from "node:path";
import { Hono } from "hono";
import { AppError } from "../errors";

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  type: string;
}

async function loadAsset(path: string, type: string): Promise<Asset | null> {
  const file = Bun.file(path);
  if (!(await file.exists())) return null;
  const body = new Uint8Array(await file.arrayBuffer());
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, gzip: new Uint8Array(Bun.gzipSync(body, { level: 9 })), etag, type };
}

/** Serves one built file with an ETag, gzip when asked, and revalidation on every use. */
function serveAsset(
  asset: Asset | null,
  request: Request,
  cacheControl: string,
  extraHeaders: Record<string, string> = {},
): Response {
  if (!asset) throw new AppError("not_found", "The widget has not been built; run `bun run build`.");
  const headers = new Headers({
    "Content-Type": asset.type,
    ETag: asset.etag,
    "Cache-Control": cacheControl,
    Vary: "Accept-Encoding",
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    ...extraHeaders,
  });
  if (request.headers.get("if-none-match") === asset.etag)
    return new Response(null, { status: 304, headers });
  if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
    headers.set("Content-Encoding", "gzip");
    return new Response(asset.gzip, { headers });
  }
  return new Response(asset.body, { headers });
}

const DASHBOARD_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

/**
 * The demo page's policy: its own inline script and styles are allowed by their hashes (nothing else
 * inline can run), the widget comes from this server, and no other site may frame it.
 */
function demoHeaders(asset: Asset | null): Record<string, string> {
  if (!asset) return {};
  const html = new TextDecoder().decode(asset.body);
  const hashes = (tag: "script" | "style") =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))]
      .map((match) => ` 'sha256-${createHash("sha256").update(match[1]!).digest("base64")}'`)
      .join("");
  return {
    "Content-Security-Policy":
      `default-src 'self'; script-src 'self'${hashes("script")}; style-src 'self'${hashes("style")}; ` +
      "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
      "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  };
}

/** The widget script, the demo page and the dashboard, all built by Vite into the public dir. */
export async function staticRoutes(deps: { publicDir: string }) {
  const app = new Hono();
  const widget = await loadAsset(
    join(deps.publicDir, "supportal-widget.js"),
    "text/javascript; charset=utf-8",
  );
  const demo = await loadAsset(join(deps.publicDir, "demo.html"), "text/html; charset=utf-8");
  const dashboard = await loadAsset(join(deps.publicDir, "dashboard.html"), "text/html; charset=utf-8");
  const dashboardScript = await loadAsset(
    join(deps.publicDir, "dashboard.js"),
    "text/javascript; charset=utf-8",
  );
  const dashboardStyles = await loadAsset(join(deps.publicDir, "dashboard.css"), "text/css; charset=utf-8");

  // A short max-age with revalidation: sites keep one URL, and a new release reaches them within minutes.
  app.get("/supportal-widget.js", (c) =>
    serveAsset(widget, c.req.raw, "public, max-age=300, must-revalidate"),
  );
  const demoPolicy = demoHeaders(demo);
  app.get("/", (c) => serveAsset(demo, c.req.raw, "no-cache", demoPolicy));
  // The page handles a credential: only our own scripts, styles and server; never inside a frame.
  app.get("/dashboard", (c) => serveAsset(dashboard, c.req.raw, "no-cache", DASHBOARD_HEADERS));
  // Relative asset addresses in the page resolve against /dashboard, not /dashboard/.
  app.get("/dashboard/", (c) => c.redirect("/dashboard", 301));
  app.get("/dashboard.js", (c) => serveAsset(dashboardScript, c.req.raw, "no-cache"));
  app.get("/dashboard.css", (c) => serveAsset(dashboardStyles, c.req.raw, "no-cache"));
  return app;
}
