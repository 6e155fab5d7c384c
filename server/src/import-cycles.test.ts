import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// Every `import`/`export … from` with a relative specifier, type-only ones included: a cycle of types
// still ties two files' jobs together.
const SPECIFIER = /^\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.[^"']*)["']/gm;
const SOURCE = /\.tsx?$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((path) => SOURCE.test(path) && existsSync(path)) ?? null;
}

/** Import graph of the files under `root`: file → the files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(SPECIFIER)]
      .map((match) => resolveImport(file, match[1]!))
      .filter((target): target is string => target !== null);
    graph.set(file, targets);
  }
  return graph;
}

/** The cycles of a graph, each as the files along it (depth-first; one cycle per back edge). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const root = resolve(import.meta.dir, "..", "..");

test("the finder sees a cycle", () => {
  const graph = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a"]],
    ["d", ["a"]],
  ]);
  expect(findCycles(graph)).toEqual([["a", "b", "c", "a"]]);
});

test.each(["server/src", "shared/src", "widget/src"])("no import cycle in %s", (folder) => {
  const graph = importGraph(join(root, folder));
  expect(graph.size).toBeGreaterThan(3);
  const cycles = findCycles(graph).map((cycle) => cycle.map((file) => relative(root, file)).join(" → "));
  expect(cycles).toEqual([]);
});
