import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { errorCode } from "../testing/api-client";
import { handleError } from "./handle-error";
import { staticRoutes } from "./static-routes";

let publicDir: string;
const DEMO_SCRIPT = "document.title = 'demo';";
const DEMO_STYLE = "body { margin: 0 }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");
let app: Awaited<ReturnType<typeof staticRoutes>>;

beforeAll(async () => {
  publicDir = await mkdtemp(join(tmpdir(), "supportal-static-"));
  await Bun.write(join(publicDir, "dashboard.html"), "<!doctype html><title>Dashboard</title>");
  await Bun.write(join(publicDir, "dashboard.js"), "console.log('dashboard');".repeat(50));
  await Bun.write(join(publicDir, "dashboard.css"), "body{margin:0}");
  await Bun.write(
    join(publicDir, "demo.html"),
    `<!doctype html><style>${DEMO_STYLE}</style><script>${DEMO_SCRIPT}</script>`,
  );
  app = await staticRoutes({ publicDir });
});
afterAll(() => rm(publicDir, { recursive: true, force: true }));

describe("the demo page", () => {
  test("allows only its own inline script and styles, by hash, and refuses to be framed", async () => {
    const response = await app.request("/");
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`script-src 'self' 'sha256-${sha256(DEMO_SCRIPT)}';`);
    expect(policy).toContain(`style-src 'self' 'sha256-${sha256(DEMO_STYLE)}';`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("dashboard files", () => {
  test("the page carries a strict CSP and refuses to be framed", async () => {
    const response = await app.request("/dashboard");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect((await app.request("/dashboard/")).headers.get("location")).toBe("/dashboard");
  });

  test("script and styles get an ETag, gzip when asked, and 304 on revalidation", async () => {
    for (const [path, type] of [
      ["/dashboard.js", "text/javascript"],
      ["/dashboard.css", "text/css"],
    ] as const) {
      const response = await app.request(path, { headers: { "accept-encoding": "gzip" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(type);
      expect(response.headers.get("content-encoding")).toBe("gzip");
      const etag = response.headers.get("etag") ?? "";
      expect(etag).toMatch(/^".+"$/);
      expect((await app.request(path, { headers: { "if-none-match": etag } })).status).toBe(304);
    }
  });

  test("a missing build is a JSON 404, not a crash", async () => {
    const empty = new Hono();
    empty.onError(handleError);
    empty.route("/", await staticRoutes({ publicDir: join(publicDir, "nothing-here") }));
    const response = await empty.request("/dashboard.js");
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("not_found");
  });
});
