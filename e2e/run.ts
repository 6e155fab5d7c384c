/**
 * Runs the browser suites (*.e2e.ts) with bun's test runner when a Chromium is present.
 * Under CI=true a missing browser is a failure, not a skip: the suites must really run there.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath } from "./support/browser";

const dir = import.meta.dir;
const suites = readdirSync(dir)
  .filter((name) => name.endsWith(".e2e.ts"))
  .map((name) => `./${join("e2e", name)}`);

if (!chromiumPath()) {
  const message =
    "No Chromium found (set CHROMIUM_PATH or install Debian's chromium); browser suites not run.";
  if (process.env.CI === "true") {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
if (suites.length === 0) {
  console.error("No *.e2e.ts suites found.");
  process.exit(1);
}
const child = Bun.spawn(["bun", "test", "--timeout", "120000", ...suites], {
  cwd: join(dir, ".."),
  stdio: ["inherit", "inherit", "inherit"],
});
process.exit(await child.exited);
