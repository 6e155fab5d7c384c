import { describe, expect, test } from "bun:test";
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import mammoth from "mammoth";
import { PDFDocument } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { ELF_BYTES, makeDocx, makeImageOnlyPdf, makePdf, makeZipBomb } from "./fixtures";

async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)));
  return text;
}

describe("fixtures", () => {
  test("makePdf draws one line per entry, with header and footer on every page", async () => {
    const pdf = await makePdf(
      [["First page line", "", { text: "Big line", size: 20 }], ["Second page line"]],
      {
        header: "Acme Guide",
        footer: "Page {page}",
      },
    );
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    const [first, second] = await pdfText(pdf);
    expect(first).toContain("Acme Guide");
    expect(first).toContain("First page line");
    expect(first).toContain("Big line");
    expect(first).toContain("Page 1");
    expect(second).toContain("Page 2");
  });

  test("makePdf wraps lines too wide for the page and refuses to overflow it", async () => {
    const long = "word ".repeat(60).trim();
    const [text] = await pdfText(await makePdf([[long]]));
    expect(text?.replace(/\s+/g, " ").trim()).toBe(long);
    await expect(makePdf([Array.from({ length: 80 }, () => "line")])).rejects.toThrow("more lines than fit");
  });

  test("makeImageOnlyPdf has a page and no text", async () => {
    const pdf = await makeImageOnlyPdf();
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect((await pdfText(pdf)).join("").trim()).toBe("");
  });

  test("makeDocx is read by mammoth with headings, list and table", async () => {
    const docx = makeDocx({
      title: "Guide",
      paragraphs: ["Intro & <more>.", { heading: "Returns", level: 3 }],
      bullets: ["One"],
      table: [["A", "B"]],
    });
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
    expect(value).toBe(
      "<h1>Guide</h1><p>Intro &amp; &lt;more&gt;.</p><h3>Returns</h3><ul><li>One</li></ul>" +
        "<table><tr><td><p>A</p></td><td><p>B</p></td></tr></table>",
    );
  });

  test("makeZipBomb is small, lies about its sizes, and inflates past 100 MB", () => {
    const started = performance.now();
    const bomb = makeZipBomb();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const declared: Record<string, number> = {};
    unzipSync(bomb, {
      filter: (file) => {
        declared[file.name] = file.originalSize;
        return false;
      },
    });
    expect(declared["word/document.xml"]).toBeGreaterThan(0);
    const media = Object.keys(declared).filter((name) => name.startsWith("word/media/"));
    expect(media.length).toBeGreaterThan(0);
    expect(media.every((name) => declared[name] === 1024)).toBe(true);
    // Inflate the first media entry for real (fflate's unzipSync would believe the declared size).
    let inflated = 0;
    const unzip = new Unzip((file) => {
      if (file.name !== media[0]) return;
      file.ondata = (error, data) => {
        if (error) throw error;
        inflated += data.length;
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    unzip.push(bomb, true);
    expect(inflated * media.length).toBeGreaterThan(100 * 1024 * 1024);
  });

  test("ELF_BYTES starts with the ELF magic", () => {
    expect([...ELF_BYTES.slice(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  });
});
