// `bun run bench`: runs every bench/*.bench.ts in name order, prints each section as it completes,
// and writes bench/RESULTS.md. Each module's default export returns a Markdown section; one that
// throws is recorded with its error and the others still run. `bun run bench NAME...` runs the
// matching modules only and replaces just their sections in RESULTS.md (see section-update.ts).
import { availableParallelism, cpus } from "node:os";
import { basename, join } from "node:path";
import { runCleanups } from "./lib/cleanup";
import { goalsSection } from "./lib/goals";
import { replaceSections } from "./lib/section-update";

const here = import.meta.dir;
const only = process.argv.slice(2);
const modules = [...new Bun.Glob("*.bench.ts").scanSync({ cwd: here })]
  .sort()
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)));

const started = new Date();
const header = [
  "# Benchmark results",
  "",
  `Run ${started.toISOString()} on ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), ` +
    `Bun ${Bun.version}, ${process.platform}/${process.arch}. The machine may be shared: speed is ` +
    "quoted against a baseline measured in the same run.",
  "",
].join("\n");
console.log(header);

const sections: { file: string; text: string }[] = [];
for (const file of modules) {
  const name = basename(file, ".bench.ts");
  const t0 = performance.now();
  let section: string;
  try {
    const module = (await import(join(here, file))) as { default?: () => Promise<string> };
    if (typeof module.default !== "function") throw new Error("no default export function");
    section = (await module.default()).trim();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    section = `## ${name}\n\nFailed:\n\n\`\`\`\n${detail}\n\`\`\``;
  }
  const alone = only.length ? ` (run alone ${started.toISOString()})` : "";
  section += `\n\n_${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s${alone}._`;
  console.log(`${section}\n`);
  sections.push({ file, text: section });
}

const total = ((Date.now() - started.getTime()) / 1000).toFixed(0);
// The goals lead the file; a partial run puts the goals it measured in place of the previous ones
// and keeps the rows of the figures it did not measure.
const resultsPath = join(here, "RESULTS.md");
const previousResults =
  only.length && (await Bun.file(resultsPath).exists()) ? await Bun.file(resultsPath).text() : "";
const goals =
  goalsSection(previousResults) &&
  `${goalsSection(previousResults)}\n\n_goals: ${started.toISOString()}${only.length ? ` (${only.join(", ")} alone)` : ""}._`;
if (goals) console.log(`${goals}\n`);
const body = [goals, ...sections.map((s) => s.text)].filter(Boolean).join("\n\n");
const results = `${header}\n${body}\n\n_All benchmarks: ${total} s._\n`;
await runCleanups();
if (only.length === 0) await Bun.write(resultsPath, results);
else {
  const previous = (await Bun.file(resultsPath).exists()) ? await Bun.file(resultsPath).text() : results;
  const updated = replaceSections(previous, goals ? [{ file: "goals", text: goals }, ...sections] : sections);
  await Bun.write(resultsPath, updated);
  console.log(`(only ${only.join(", ")}: their sections replaced in RESULTS.md, the others kept)`);
}
console.log(`All benchmarks: ${total} s.`);
// Workers, servers and LanceDB handles left by a failed module must not keep the process alive.
process.exit(0);
