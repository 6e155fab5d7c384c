import { describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import { makeImageOnlyPdf, makePdf } from "../testing/fixtures";
import { extractPdf } from "./extract-pdf";

async function refusal(bytes: Uint8Array): Promise<AppError> {
  try {
    await extractPdf(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the PDF was read");
}

const LONG_PARAGRAPH =
  "Parcels leave our warehouse every weekday before noon and reach most addresses in the European Union " +
  "within five working days, tracked from the moment they are handed to the carrier until delivery.";

describe("extractPdf", () => {
  test("keeps pages, joins wrapped lines and finds numbered and Title-Case headings", async () => {
    const pdf = await makePdf([
      ["Shipping Policy", "", "2.1 How long does delivery take?", LONG_PARAGRAPH],
      [
        "2.2 Can I change my address?",
        "Write to us before the parcel ships.",
        "",
        "Returns and Refunds",
        "",
        "Unworn shoes can go back within thirty days.",
      ],
    ]);
    const doc = await extractPdf(pdf);
    expect(doc.pageCount).toBe(2);
    expect(doc.blocks).toEqual([
      { kind: "heading", text: "Shipping Policy", level: 1, page: 1 },
      { kind: "heading", text: "2.1 How long does delivery take?", level: 2, page: 1 },
      { kind: "paragraph", text: LONG_PARAGRAPH, page: 1 },
      { kind: "heading", text: "2.2 Can I change my address?", level: 2, page: 2 },
      { kind: "paragraph", text: "Write to us before the parcel ships.", page: 2 },
      { kind: "heading", text: "Returns and Refunds", level: 1, page: 2 },
      { kind: "paragraph", text: "Unworn shoes can go back within thirty days.", page: 2 },
    ]);
  });

  test("headings set in larger type get levels by size", async () => {
    const pdf = await makePdf([
      [
        { text: "Customer Guide", size: 24 },
        "",
        { text: "Payments", size: 16 },
        "",
        "We take cards and bank transfers.",
      ],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks).toEqual([
      { kind: "heading", text: "Customer Guide", level: 1, page: 1 },
      { kind: "heading", text: "Payments", level: 2, page: 1 },
      { kind: "paragraph", text: "We take cards and bank transfers.", page: 1 },
    ]);
  });

  test("drops running headers, footers and page numbers repeated on every page", async () => {
    const pages = ["Ordering", "Payment", "Delivery", "Returns"].map((topic) => [
      `${topic} questions`,
      `Everything about ${topic.toLowerCase()} is answered by our support team within one day.`,
    ]);
    const pdf = await makePdf(pages, {
      header: "ACME HELP CENTER - CONFIDENTIAL",
      footer: "Page {page} of 4",
    });
    const { blocks } = await extractPdf(pdf);
    const text = blocks.map((block) => block.text).join("\n");
    expect(text).not.toContain("ACME HELP CENTER");
    expect(text).not.toContain("Page ");
    expect(text).toContain("Everything about delivery is answered");
    expect(blocks.find((block) => block.text.includes("Everything about returns"))?.page).toBe(4);
  });

  test("drops a running head that names each page's chapter, but keeps headings atop pages", async () => {
    const chapters = ["ORDERING", "PAYMENT", "DELIVERY"].map((name, index) => [
      `CHAPTER ${index + 1}. ${name} AND MORE`,
      "",
      "",
      `Questions about ${name.toLowerCase()} come first.`,
      "Our team answers them within a day.",
    ]);
    const titled = ["Shipping", "Returns", "Warranty"].map((title) => [
      title,
      "",
      `${title} rules are explained on this page.`,
      "Ask us if anything is unclear.",
    ]);
    const heads = (await extractPdf(await makePdf(chapters))).blocks.map((block) => block.text).join("\n");
    expect(heads).not.toContain("CHAPTER");
    expect(heads).toContain("Questions about delivery come first.");
    const headings = (await extractPdf(await makePdf(titled))).blocks.filter(
      (block) => block.kind === "heading",
    );
    expect(headings.map((block) => block.text)).toEqual(["Shipping", "Returns", "Warranty"]);
  });

  test("a paragraph cut by a page break is joined again, on the page it starts", async () => {
    const pdf = await makePdf([
      ["Our shop opens at nine and the doors close"],
      ["at six on weekdays, later on Fridays."],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        text: "Our shop opens at nine and the doors close at six on weekdays, later on Fridays.",
        page: 1,
      },
    ]);
  });

  test("drops bare page numbers at the foot of the page", async () => {
    const pdf = await makePdf([["Alpha line one is here."], ["Beta line two is here."]], {
      footer: "{page}",
    });
    const { blocks } = await extractPdf(pdf);
    expect(blocks.map((block) => block.text)).toEqual(["Alpha line one is here.", "Beta line two is here."]);
  });

  test("drops a table of contents with dot leaders, whole page and stray entries", async () => {
    const pdf = await makePdf([
      [
        "Contents",
        "1 Ordering . . . . . . . . . . . . . . . . . . . . 2",
        "1.1 How do I pay? . . . . . . . . . . . . . . . . 2",
        "1.2 Can I cancel an order whose description is long and wraps onto a second line of the",
        "contents page? . . . . . . . . . . . . . . . . . . . 2",
        "2 Delivery . . . . . . . . . . . . . . . . . . . . 3",
      ],
      ["1.1 How do I pay?", "We accept cards and bank transfers.", "Appendix A ..................... 9"],
      ["2 Delivery", "", "Parcels arrive within five working days."],
    ]);
    const { blocks } = await extractPdf(pdf);
    const text = blocks.map((block) => block.text).join("\n");
    expect(text).not.toContain("Contents");
    expect(text).not.toContain(". . .");
    expect(text).not.toContain("Appendix A");
    expect(text).not.toContain("contents page");
    expect(blocks[0]).toEqual({ kind: "heading", text: "1.1 How do I pay?", level: 2, page: 2 });
    expect(text).toContain("Parcels arrive within five working days.");
  });

  test("bullet lists become '- item' lines in one list block", async () => {
    const pdf = await makePdf([
      ["What to bring:", "• your receipt", "• the original box", "We refund within a week."],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks).toContainEqual({ kind: "list", text: "- your receipt\n- the original box", page: 1 });
  });

  test("a PDF without a text layer is refused", async () => {
    const error = await refusal(await makeImageOnlyPdf());
    expect(error.code).toBe("invalid_file");
    expect(error.message).toBe("The PDF has no extractable text (is it a scan?).");
  });

  test("a broken PDF is refused with a human reason, not a stack", async () => {
    const garbage = new TextEncoder().encode("%PDF-1.7\nthis is not really a pdf at all\n%%EOF\n");
    const error = await refusal(garbage);
    expect(error.code).toBe("invalid_file");
    expect(error.message).toStartWith("The PDF is damaged and cannot be read");
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  test("does not consume the caller's bytes", async () => {
    const pdf = await makePdf([["Keep me."]]);
    const copy = pdf.slice();
    await extractPdf(pdf);
    expect(pdf).toEqual(copy);
  });
});
