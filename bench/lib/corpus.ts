import { existsSync } from "node:fs";
import { join } from "node:path";

/** ../shared/corpus beside the checkout: there on the team's machines, absent on a fresh clone. */
export const CORPUS_DIR = join(import.meta.dir, "..", "..", "..", "shared", "corpus");
/** Scratch space for benchmarks (gitignored). */
export const WORK_DIR = join(import.meta.dir, "..", ".work");

/** The corpus file's path, or null when the corpus is not there. */
export function corpusFile(name: string): string | null {
  const path = join(CORPUS_DIR, name);
  return existsSync(path) ? path : null;
}

export function skipped(title: string, what: string): string {
  return `## ${title}\n\nSkipped: ${what} not found in ${CORPUS_DIR}.`;
}
