import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const widgetDir = join(import.meta.dir, "..");
const outDir = mkdtempSync(join(tmpdir(), "supportal-dashboard-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test("the dashboard builds without warnings (every server start runs this build)", async () => {
  const build = Bun.spawn(
    [
      process.execPath,
      join(widgetDir, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "vite.dashboard.config.ts",
      "--outDir",
      outDir,
    ],
    { cwd: widgetDir, stdout: "pipe", stderr: "pipe", env: { ...process.env, NODE_ENV: "production" } },
  );
  const [code, stdout, stderr] = await Promise.all([
    build.exited,
    new Response(build.stdout).text(),
    new Response(build.stderr).text(),
  ]);
  expect(code).toBe(0);
  const output = `${stdout}\n${stderr}`;
  expect(output).not.toContain("annotation");
  expect(output).not.toMatch(/\(!\)|warning/i);
}, 120_000);
