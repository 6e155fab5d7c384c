import { getDocumentProxy } from "unpdf";
import { AppError } from "../errors";
import type { ExtractedDocument } from "./extracted";
import { readHyphenation } from "./hyphenation";
import { groupLines } from "./pdf-blocks";
import { classifyBlocks } from "./pdf-classify";
import { removePageFurniture } from "./pdf-furniture";
import { measureLayout } from "./pdf-layout";
import { type PdfLine, textItemsToLines } from "./pdf-lines";
import { removeTableOfContents } from "./pdf-toc";

/** Pages read from one PDF; more is an abuse of the upload, not a support document. */
export const MAX_PDF_PAGES = 3000;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Text structure of a PDF: headings, paragraphs and lists with their pages, without page furniture. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  // pdf.js may take ownership of (detach) the buffer it is given; the caller keeps its own.
  const pdf = await openPdf(new Uint8Array(bytes));
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new AppError("invalid_file", `The PDF has ${pdf.numPages} pages; the limit is ${MAX_PDF_PAGES}.`);
    }
    const pages = await readLines(pdf);
    if (pages.every((lines) => lines.length === 0)) throw noText();
    const kept = removeTableOfContents(removePageFurniture(pages, measureLayout(pages)));
    const layout = measureLayout(kept);
    const hyphenation = readHyphenation(kept.flat().map((line) => line.text));
    const blocks = classifyBlocks(groupLines(kept, layout), layout, hyphenation);
    if (blocks.length === 0) throw noText();
    return { blocks, pageCount: pdf.numPages };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function openPdf(data: Uint8Array): Promise<PdfDocument> {
  try {
    return await getDocumentProxy(data, { verbosity: 0 });
  } catch (error) {
    throw unreadable(error);
  }
}

async function readLines(pdf: PdfDocument): Promise<PdfLine[][]> {
  const pages: PdfLine[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    try {
      const page = await pdf.getPage(number);
      // Normalization (NFKC) unfolds ligatures such as "ﬁ", which search would otherwise miss.
      const content = await page.getTextContent();
      pages.push(textItemsToLines(content.items, number, content.styles));
      page.cleanup();
    } catch (error) {
      throw unreadable(error);
    }
  }
  return pages;
}

function noText(): AppError {
  return new AppError("invalid_file", "The PDF has no extractable text (is it a scan?).");
}

function unreadable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") {
    return new AppError(
      "invalid_file",
      "The PDF is password-protected; remove the password and upload it again.",
    );
  }
  const reason =
    error instanceof Error && describesTheFile(error) && error.message.length <= 100
      ? ` (${error.message.replace(/\.$/, "")})`
      : "";
  return new AppError("invalid_file", `The PDF is damaged and cannot be read${reason}.`);
}

/**
 * pdf.js's own exceptions carry short sentences about the file ("Invalid PDF structure.", "Bad FCHECK
 * in flate stream"); an engine error it passes on (as an UnknownErrorException whose `details` name
 * it: "RangeError: Maximum call stack size exceeded." on deep nesting, a TypeError, ...) does not.
 */
function describesTheFile(error: Error): boolean {
  if (error.name === "InvalidPDFException" || error.name === "FormatError") return true;
  const details = (error as { details?: unknown }).details;
  return (
    error.name === "UnknownErrorException" && typeof details === "string" && details.startsWith("FormatError")
  );
}
