import { describe, expect, test } from "bun:test";
import { strToU8, zipSync } from "fflate";
import { AppError } from "../errors";
import { makeDocx, makeZipBomb } from "../testing/fixtures";
import { extractDocx } from "./extract-docx";

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the DOCX was read");
}

describe("extractDocx", () => {
  test("keeps headings with levels, paragraphs, bullet lists and table rows", async () => {
    const docx = makeDocx({
      title: "Warranty & Repairs",
      paragraphs: [
        "Every kettle carries a two year warranty.",
        { heading: "What is covered", level: 2 },
        "Defects in materials and <workmanship>.",
      ],
      bullets: ["Keep the receipt", "Register online"],
      table: [
        ["Model", "Warranty"],
        ["K1", "2 years"],
      ],
    });
    const { blocks, pageCount } = await extractDocx(docx);
    expect(pageCount).toBeUndefined();
    expect(blocks).toEqual([
      { kind: "heading", text: "Warranty & Repairs", level: 1 },
      { kind: "paragraph", text: "Every kettle carries a two year warranty." },
      { kind: "heading", text: "What is covered", level: 2 },
      { kind: "paragraph", text: "Defects in materials and <workmanship>." },
      { kind: "list", text: "- Keep the receipt\n- Register online" },
      { kind: "table", text: "Model | Warranty\nK1 | 2 years" },
    ]);
  });

  test("code keeps its line breaks; a table's header row is marked as such", async () => {
    const docx = makeDocx({
      paragraphs: ["Run these commands on the server:"],
      code: ["cd /srv/shop", "./manage.py migrate", "./manage.py import <subdomain>"],
      table: [
        ["Old role", "New role"],
        ["Workspace Owner", "Owner"],
        ["Member", "Member"],
      ],
      tableHeader: true,
    });
    const { blocks } = await extractDocx(docx);
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Run these commands on the server:" },
      { kind: "code", text: "cd /srv/shop\n./manage.py migrate\n./manage.py import <subdomain>" },
      {
        kind: "table",
        text: "Old role | New role\nWorkspace Owner | Owner\nMember | Member",
        header: true,
      },
    ]);
  });

  test("runs the zip-bomb guard before reading", async () => {
    const error = await refusal(() => extractDocx(makeZipBomb(), { maxUncompressedBytes: 4 * 1024 * 1024 }));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("zip bomb");
  });

  test("a zip that only looks like a DOCX is refused as unreadable", async () => {
    const fake = zipSync({ "word/document.xml": strToU8("this is not xml <<<") });
    const error = await refusal(() => extractDocx(fake));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("could not be read");
  });

  test("a DOCX without text is refused", async () => {
    const error = await refusal(() => extractDocx(makeDocx({ paragraphs: [] })));
    expect(error.message).toBe("The DOCX has no text to index.");
  });
});
