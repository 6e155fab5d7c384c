import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The whole widget, JS and CSS, gzipped at level 9. Peers ship 200–300 KB. */
const BUDGET = 15 * 1024;

const widgetDir = join(import.meta.dir, "..");
const publicDir = join(widgetDir, "public");
const outDir = mkdtempSync(join(tmpdir(), "supportal-widget-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test("the production build is one JS file, CSS inside, within the size budget", async () => {
  // A separate process: Vite sets process.env.NODE_ENV, which must not leak into other test files.
  const build = Bun.spawn(
    [
      process.execPath,
      join(widgetDir, "node_modules/vite/bin/vite.js"),
      "build",
      "--outDir",
      outDir,
      "--emptyOutDir",
    ],
    // Built as `bun run build` builds it, not with bun test's NODE_ENV=test.
    { cwd: widgetDir, stdout: "pipe", stderr: "pipe", env: { ...process.env, NODE_ENV: "production" } },
  );
  const [code, stderr] = await Promise.all([build.exited, new Response(build.stderr).text()]);
  if (code !== 0) throw new Error(`vite build failed:\n${stderr}`);

  // Files from public/ (the demo page) are copied as they are; the build itself makes exactly one.
  const list = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" });
  const copied = existsSync(publicDir) ? list(publicDir) : [];
  expect(list(outDir).filter((name) => !copied.includes(name))).toEqual(["supportal-widget.js"]);
  const bundle = readFileSync(join(outDir, "supportal-widget.js"));
  const gzipped = Bun.gzipSync(bundle, { level: 9 }).byteLength;
  console.log(`supportal-widget.js: ${bundle.byteLength} bytes, ${gzipped} bytes gzip (budget ${BUDGET})`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);

  const source = bundle.toString();
  // The styles travel inside the script, and nothing of zod's runtime does.
  expect(source).toContain(":host{all:initial!important");
  expect(source).not.toContain("$ZodType");
  // An IIFE with no exports assigns no global: window.Supportal is the only one, set on purpose.
  expect(source.startsWith("(function(){")).toBe(true);
}, 60_000);
