import { describe, expect, test } from "bun:test";
import type { Embedder } from "../providers/embedder";
import type { RankedChunk } from "../rag/search-chunks";
import { stubEmbedding } from "../testing/openai-stub";
import { candidatesOf, createExtractiveAnswerer } from "./extractive-answerer";

// Bag-of-words vectors: texts sharing words are close, which is all these tests need.
const embedder: Embedder & { calls: string[][] } = {
  id: "test-bag-of-words",
  calls: [],
  async embed(texts) {
    embedder.calls.push(texts);
    return texts.map((text) => stubEmbedding(text, 256));
  },
};

const chunk = (heading: string, text: string, similarity: number, chunkIndex = 0): RankedChunk => ({
  documentId: 7,
  documentName: "help.pdf",
  chunkIndex,
  heading,
  page: 3,
  text,
  score: 0,
  similarity,
  textScore: 1,
});

async function answer(question: string, chunks: RankedChunk[]) {
  const stream = createExtractiveAnswerer({ embedder }).answer({
    question,
    history: [],
    chunks,
    business: { name: "Acme", systemPrompt: null },
    signal: new AbortController().signal,
  });
  const pieces: string[] = [];
  for await (const piece of stream.pieces) pieces.push(piece);
  return { pieces, text: pieces.join(""), sources: stream.sources() };
}

const returns = chunk(
  "4.2 Can I return a damaged item?",
  "Yes. Damaged items are replaced for free within thirty days of delivery.\n\n" +
    "Send a photo of the damage to our support team. We ship the replacement the same day.\n\n" +
    "Gift cards cannot be returned.",
  0.6,
  4,
);
const shipping = chunk(
  "2.1 Shipping times",
  "Orders leave our warehouse within two working days. Shipping to Europe takes three to five days.",
  0.62,
  1,
);

describe("extractive answerer", () => {
  test("answers from the chunk whose heading and words match, opening with its first sentence", async () => {
    const { text, sources, pieces } = await answer("Can I return an item that arrived damaged?", [
      shipping,
      returns,
    ]);
    expect(text.startsWith("Yes. Damaged items are replaced for free")).toBe(true);
    expect(text).not.toContain("warehouse");
    // Cited once, in the sources beside the answer, not again in a line inside it.
    expect(text).not.toContain("help.pdf");
    expect(sources).toEqual([
      {
        documentId: 7,
        documentName: "help.pdf",
        snippet: expect.any(String),
        page: 3,
        heading: returns.heading,
      },
    ]);
    // Streamed word by word, not in one piece.
    expect(pieces.length).toBeGreaterThan(5);
  });

  test("keeps to a short passage instead of the whole chunk", async () => {
    const long = chunk(
      "Returns",
      Array.from({ length: 30 }, (_, i) => `Filler sentence number ${i} about nothing in particular.`).join(
        " ",
      ),
      0.6,
    );
    const { text } = await answer("How do returns work?", [long]);
    expect(text.length).toBeLessThan(long.text.length / 2);
  });

  test("a sentence that introduces a command brings the command along", async () => {
    const commands = chunk(
      "8.3 Listing installed packages",
      "To list every installed package, run the command\n\ndpkg --list\n\nIt prints one line a package.",
      0.7,
    );
    const { text } = await answer("How do I list installed packages?", [commands]);
    expect(text).toContain("run the command\ndpkg --list");
  });

  test("short fragments such as “No.” stay with the sentence they open", () => {
    const [first] = candidatesOf([chunk("Q", "No. You can keep them.", 0.5)]);
    expect(first!.text).toBe("No. You can keep them.");
  });

  test("embeds the question with the headings, then only the chosen chunk's sentences", async () => {
    embedder.calls.length = 0;
    await answer("Can I return an item that arrived damaged?", [shipping, returns]);
    expect(embedder.calls[0]).toEqual([
      "Can I return an item that arrived damaged?",
      shipping.heading,
      returns.heading,
    ]);
    expect(embedder.calls[1]!.every((text) => returns.text.includes(text.split(" ")[0]!))).toBe(true);
  });
});
