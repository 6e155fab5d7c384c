import { afterEach, beforeEach, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunkSearchText } from "./chunk-document";
import { openLanceTables } from "./lance-store";
import type { LanceTables } from "./lance-tables";
import { createMemoryServedStore } from "./memory-store";
import { MAX_MEMORY_TEXT_CHUNKS } from "./memory-table";
import type { ChunkRow, StoredHit } from "./vector-store";

// Words with what the index does to them: stop words, plurals and -ing forms that stem together,
// accents that fold, numbers, a doubled consonant after a leading vowel ("added" → "add").
const WORDS = (
  "the a of and is to in it was will with you your which now only does printer printers printing " +
  "refund refunds refunded shipping ships shipped parcel parcels café cafe naïve 2026 404 added adding " +
  "add invoice invoices invoicing warranty battery batteries charging charger delivery delivered " +
  "account accounts password passwords reset resetting login signing sign"
).split(" ");

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

function chunkRows(count: number, next: () => number): ChunkRow[] {
  const words = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
  const rows: ChunkRow[] = [];
  for (let chunk = 0; chunk < count; chunk++) {
    const heading = chunk % 3 === 0 ? "" : `${words(3)}?`;
    const text = `${words(5 + Math.floor(next() * 40))}.`;
    for (let window = 0; window < 2; window++) {
      rows.push({
        documentId: 1 + (chunk % 4),
        documentName: "help.md",
        chunkIndex: chunk,
        windowIndex: window,
        heading,
        page: 0,
        text,
        ftsText: window === 0 ? chunkSearchText({ heading, text }) : "",
        vector: [1, next(), next(), next()],
      });
    }
  }
  return rows;
}

let dir: string;
let lance: LanceTables;
let lanceTextSearches: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "supportal-text-"));
  lance = await openLanceTables(dir);
  lanceTextSearches = 0;
  const textSearch = lance.textSearch.bind(lance);
  lance.textSearch = (...args) => {
    lanceTextSearches++;
    return textSearch(...args);
  };
});
afterEach(async () => {
  await lance.close();
  await rm(dir, { recursive: true, force: true });
});

test("full-text search is answered from memory, ranked and scored as LanceDB's own index", async () => {
  const next = random(11);
  await lance.add(7, chunkRows(120, next));
  await lance.optimize(7);
  const store = createMemoryServedStore(lance);
  const queries = [
    "printing a refund",
    "Which printers will ship now?",
    "café naïve",
    "added invoices in 2026",
    "resetting my password",
    "the of and",
    "batteries charging delivery delivered parcel",
    ...Array.from({ length: 25 }, () => WORDS.filter(() => next() < 0.12).join(" ")),
  ];
  for (const query of queries) {
    const fromMemory = await store.textSearch(7, query, 20);
    expect(lanceTextSearches).toBe(0);
    const fromLance = await lance.textSearch(7, query, 20);
    lanceTextSearches = 0;
    // Same hits with the same scores (to float rounding); the last score may be cut mid-tie.
    const ours = new Map(fromMemory.map((hit) => [`${hit.documentId}:${hit.chunkIndex}`, hit.score]));
    const theirs = fromLance.map((hit) => ({ key: `${hit.documentId}:${hit.chunkIndex}`, score: hit.score }));
    expect(ours.size).toBe(theirs.length);
    const last = theirs.at(-1)?.score ?? 0;
    for (const { key, score } of theirs) {
      if (Math.abs(score - last) < 1e-5 * last) continue;
      expect(ours.get(key)).toBeCloseTo(score, 4);
    }
    // And in the same order, but among equal scores.
    fromMemory.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(fromLance[i]!.score, 4);
    });
    fromMemory.forEach((hit: StoredHit) => {
      expect(hit.windowIndex).toBe(0);
    });
  }
});

test("a table past the bound is searched by LanceDB's index, and hits still carry their texts", async () => {
  const rows = chunkRows(MAX_MEMORY_TEXT_CHUNKS + 1, random(5));
  await lance.add(8, rows);
  const store = createMemoryServedStore(lance);
  const hits = await store.textSearch(8, "refund printers", 5);
  expect(lanceTextSearches).toBe(1);
  expect(hits.length).toBeGreaterThan(0);
  for (const hit of hits) {
    const row = rows.find((r) => r.chunkIndex === hit.chunkIndex && r.windowIndex === 0)!;
    expect(hit.text).toBe(row.text);
  }
});
