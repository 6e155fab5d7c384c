import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLanceStore } from "./lance-store";
import type { VectorStore } from "./vector-store";

let dir: string;
let store: VectorStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "supportal-fts-"));
  store = await createLanceStore(dir);
  const row = (chunkIndex: number, text: string) => ({
    documentId: 1,
    documentName: "hours.md",
    chunkIndex,
    windowIndex: 0,
    heading: "",
    page: 0,
    text,
    ftsText: text,
    vector: [0.5, 0.5, 0.5, 0.5],
  });
  await store.add(1, [row(0, "Our office opens at nine."), row(1, "Parcels ship within two days.")]);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

// Full-text query syntax a customer may type by accident; each is searched as plain words.
const typed = ['"office"', '"office opens"', '"office" "parcels"', '""', '"', "office AND", "(office", "*"];

test.each(typed)("%p is searched as plain words, never as query syntax", async (query) => {
  const hits = await store.textSearch(1, query, 5);
  const words = query.match(/office|parcels/g) ?? [];
  expect(hits.length).toBe(words.length === 0 ? 0 : new Set(words).size);
});

test("quotes change nothing: the same chunks in the same order with the same scores", async () => {
  const plain = await store.textSearch(1, "office parcels", 5);
  const quoted = await store.textSearch(1, '"office" "parcels"', 5);
  expect(quoted).toEqual(plain);
});
