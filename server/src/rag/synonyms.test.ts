import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Embedder } from "../providers/embedder";
import { stubEmbedding } from "../testing/openai-stub";
import { createLanceStore } from "./lance-store";
import { searchChunks } from "./search-chunks";
import { synonymsOf, withBusinessSynonyms } from "./synonyms";
import { TermCounts } from "./term-stats";
import type { ChunkRow, VectorStore } from "./vector-store";

const SHOP = [
  { heading: "Warranty", text: "Every frame carries a warranty of two years from the date of purchase." },
  { heading: "Shipping", text: "Parcels leave the warehouse on the next working day." },
  { heading: "Returns", text: "Send an unused item back within 30 days for a refund." },
];

function shopCounts(): TermCounts {
  const counts = new TermCounts();
  for (const chunk of SHOP) counts.add(chunk.heading, chunk.text);
  return counts;
}

describe("withBusinessSynonyms", () => {
  test("a word the business never uses also searches the synonyms it does use", () => {
    expect(withBusinessSynonyms("how long is the guarantee", shopCounts())).toBe(
      "how long is the guarantee warranty",
    );
    // By stem: a plural finds the same group.
    expect(synonymsOf("photos")).toContain("image");
  });

  test("a word the business uses, or a synonym it does not, adds nothing", () => {
    const counts = shopCounts();
    counts.add("Guarantee", "Our price guarantee.");
    expect(withBusinessSynonyms("how long is the guarantee", counts)).toBe("how long is the guarantee");
    expect(withBusinessSynonyms("can I see a photo", shopCounts())).toBe("can I see a photo");
  });
});

describe("full-text search with the business's synonyms", () => {
  const embedder: Embedder = {
    id: "bag-of-words",
    embed: async (texts) => texts.map((t) => stubEmbedding(t)),
  };
  let dir: string;
  let store: VectorStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "supportal-synonyms-"));
    store = await createLanceStore(dir);
    const rows: ChunkRow[] = SHOP.map((chunk, chunkIndex) => ({
      documentId: 1,
      documentName: "policies.md",
      chunkIndex,
      windowIndex: 0,
      heading: chunk.heading,
      page: 0,
      text: chunk.text,
      ftsText: `${chunk.heading}\n${chunk.text}`,
      vector: stubEmbedding(chunk.text),
    }));
    await store.add(1, rows);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("a question in the customer's word finds the passage in the business's", async () => {
    const found = await searchChunks(
      { embedder, store },
      { businessId: 1, query: "the guarantee?", k: 3, mode: "text" },
    );
    expect(found.map((chunk) => chunk.heading)).toEqual(["Warranty"]);
  });
});
