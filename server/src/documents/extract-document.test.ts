import { describe, expect, test } from "bun:test";
import { makeDocx, makePdf } from "../testing/fixtures";
import { detectDocumentType } from "./detect-type";
import { extractDocument } from "./extract-document";

describe("extractDocument", () => {
  test("dispatches every document type to its extractor", async () => {
    const files: [string, Uint8Array][] = [
      ["guide.pdf", await makePdf([["Delivery takes five working days."]])],
      ["guide.docx", makeDocx({ paragraphs: ["Delivery takes five working days."] })],
      ["guide.txt", new TextEncoder().encode("Delivery takes five working days.\n")],
      ["guide.md", new TextEncoder().encode("# Delivery\n\nDelivery takes five working days.\n")],
    ];
    const results = await Promise.all(
      files.map(async ([name, bytes]) => {
        const type = detectDocumentType(bytes, name);
        return { type, doc: await extractDocument(bytes, type) };
      }),
    );
    expect(results.map((result) => result.type)).toEqual(["pdf", "docx", "txt", "markdown"]);
    for (const { doc } of results) {
      expect(doc.blocks.at(-1)?.text).toBe("Delivery takes five working days.");
    }
    expect(results[0]!.doc.pageCount).toBe(1);
    expect(results[3]!.doc.blocks[0]).toEqual({ kind: "heading", text: "Delivery", level: 1 });
  });
});
