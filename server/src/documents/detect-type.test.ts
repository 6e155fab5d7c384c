import { describe, expect, test } from "bun:test";
import { strToU8, zipSync } from "fflate";
import { AppError } from "../errors";
import { ELF_BYTES, makeDocx, makePdf, makeZipBomb } from "../testing/fixtures";
import { detectDocumentType } from "./detect-type";

const encode = (text: string) => new TextEncoder().encode(text);

function refusal(bytes: Uint8Array, filename: string): AppError {
  try {
    detectDocumentType(bytes, filename);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${filename} was accepted`);
}

describe("detectDocumentType", () => {
  test("a PDF is a PDF whatever its name", async () => {
    const pdf = await makePdf([["Hello"]]);
    expect(detectDocumentType(pdf, "notes.txt")).toBe("pdf");
    expect(detectDocumentType(pdf, "")).toBe("pdf");
  });

  test("a truncated PDF is refused as damaged", async () => {
    const pdf = await makePdf([["Hello"], ["World"]]);
    const error = refusal(pdf.slice(0, Math.floor(pdf.length / 2)), "cut.pdf");
    expect(error.code).toBe("invalid_file");
    expect(error.status).toBe(400);
    expect(error.message).toContain("The PDF is truncated or damaged");
  });

  test("an empty file is refused as invalid", () => {
    const error = refusal(new Uint8Array(), "empty.pdf");
    expect(error.code).toBe("invalid_file");
    expect(error.message).toBe("The file is empty.");
  });

  test("an executable renamed .pdf is refused, naming what it is and what is accepted", () => {
    const error = refusal(ELF_BYTES, "invoice.pdf");
    expect(error.code).toBe("unsupported_media_type");
    expect(error.status).toBe(415);
    expect(error.message).toContain('"invoice.pdf" is a Linux executable (ELF)');
    expect(error.message).toContain("PDF, DOCX, plain text (UTF-8) and Markdown");
    const windows = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]);
    expect(refusal(windows, "setup.pdf").message).toContain("a Windows executable");
  });

  test("images and legacy Word files are refused with a hint", () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(refusal(png, "scan.pdf").message).toContain("a PNG image");
    const doc = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refusal(doc, "old.doc").message).toContain("save it as .docx");
  });

  test("a DOCX is a zip holding word/document.xml", () => {
    expect(detectDocumentType(makeDocx({ paragraphs: ["Hi"] }), "letter.bin")).toBe("docx");
  });

  test("another zip is refused as unsupported", () => {
    const zip = zipSync({ "photos/a.txt": strToU8("not a document") });
    const error = refusal(zip, "report.docx");
    expect(error.code).toBe("unsupported_media_type");
    expect(error.message).toContain("a ZIP archive");
    const xlsx = zipSync({ "xl/workbook.xml": strToU8("<workbook/>") });
    expect(refusal(xlsx, "book.docx").message).toContain("an Excel workbook");
  });

  test("a damaged zip is refused as invalid", () => {
    const zip = makeDocx({ paragraphs: ["Hi"] });
    expect(refusal(zip.slice(0, 100), "cut.docx").code).toBe("invalid_file");
  });

  test("a zip bomb dressed as a DOCX is refused at the door", () => {
    const error = refusal(makeZipBomb(), "bomb.docx");
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("zip bomb");
  });

  test("Latin-1 text is refused with advice to save as UTF-8", () => {
    const latin1 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x75, 0x20, 0x6c, 0x61, 0x69, 0x74]);
    const error = refusal(latin1, "menu.txt");
    expect(error.code).toBe("unsupported_media_type");
    expect(error.message).toContain("not valid UTF-8");
    expect(error.message).toContain("Save it as UTF-8");
  });

  test("NUL bytes make a file binary, not text", () => {
    const error = refusal(Uint8Array.from([0x68, 0x69, 0x00, 0x68, 0x69]), "data.txt");
    expect(error.code).toBe("unsupported_media_type");
    expect(error.message).toContain("binary data");
    expect(refusal(Uint8Array.from([0xff, 0xfe, 0x68, 0x00]), "wide.txt").message).toContain("UTF-16");
  });

  test("control characters in valid UTF-8 make it binary too", () => {
    const bytes = encode(`header${"\u0001\u0002\u0003".repeat(10)}more`);
    expect(refusal(bytes, "blob.txt").code).toBe("unsupported_media_type");
  });

  test("UTF-8 text, with or without a BOM, is text", () => {
    expect(detectDocumentType(encode("Café au lait, s'il vous plaît.\n"), "menu.txt")).toBe("txt");
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...encode("Hello there.\n")]);
    expect(detectDocumentType(bom, "hello")).toBe("txt");
  });

  test("the extension decides between text and Markdown", () => {
    const plain = encode("Just a sentence.\n");
    expect(detectDocumentType(plain, "readme.md")).toBe("markdown");
    expect(detectDocumentType(plain, "README.MARKDOWN")).toBe("markdown");
    expect(detectDocumentType(plain, "notes.mdown")).toBe("markdown");
    const markdown = encode("# Title\n\n- one\n- two\n");
    expect(detectDocumentType(markdown, "notes.txt")).toBe("txt");
  });

  test("without a telling extension, content that clearly is Markdown is Markdown", () => {
    const markdown = encode(
      "# Returns\n\nSee [our policy](https://example.com/returns).\n\n- Keep the receipt\n",
    );
    expect(detectDocumentType(markdown, "upload")).toBe("markdown");
    expect(detectDocumentType(markdown, "policy.pdf")).toBe("markdown");
    // A lone '#' line with nothing else Markdown about it stays plain text.
    expect(detectDocumentType(encode("# comment\nplain words here\n"), "upload")).toBe("txt");
    expect(detectDocumentType(encode("- one\n- two\n"), "upload")).toBe("txt");
  });
});
