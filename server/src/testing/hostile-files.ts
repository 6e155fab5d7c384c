import { constants, deflateRawSync, deflateSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { concat } from "./fixtures";

const ZEROS_PER_BLOCK = 1 << 20;

/**
 * A zlib stream that inflates to `megabytes` MB of zero bytes, built without compressing them: one
 * MB of zeros deflated once with a full flush (byte-aligned, no reference back past the block) and
 * repeated, then a final empty block and the Adler-32 of the zeros. 1 GB costs about 1 MB.
 */
export function zerosZlibStream(megabytes: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(ZEROS_PER_BLOCK), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const last = new Uint8Array([0x03, 0x00]); // final fixed-Huffman block holding nothing
  const out = new Uint8Array(2 + block.length * megabytes + last.length + 4);
  out.set([0x78, 0xda], 0);
  for (let i = 0; i < megabytes; i++) out.set(block, 2 + i * block.length);
  out.set(last, 2 + block.length * megabytes);
  // Adler-32 of n zeros: a = 1, b = n mod 65521.
  const b = (megabytes * ZEROS_PER_BLOCK) % 65521;
  new DataView(out.buffer).setUint32(out.length - 4, ((b << 16) | 1) >>> 0);
  return out;
}

/**
 * A valid one-page PDF whose page content is one FlateDecode stream inflating to `megabytes` MB of
 * zeros (whitespace to a PDF reader, which reads through all of it). A second page holds real text,
 * so the file is a believable document to every check that does not inflate its streams.
 */
export function makePdfInflateBomb(
  megabytes: number,
  options: {
    /** The stream deflated once more and declared `[/FlateDecode /FlateDecode]`. */
    twice?: boolean;
    /** Extra keys for the bomb stream's dictionary (say `/Subtype /Image`). */
    extraKeys?: string;
  } = {},
): Uint8Array {
  const once = zerosZlibStream(megabytes);
  const bomb = options.twice ? deflateSync(once, { level: 9 }) : once;
  const filter = options.twice ? "[/FlateDecode /FlateDecode]" : "/FlateDecode";
  const text = strToU8("BT /F1 12 Tf 72 720 Td (Opening hours are nine to five.) Tj ET");
  const objects: Uint8Array[][] = [
    [strToU8("<< /Type /Catalog /Pages 2 0 R >>")],
    [strToU8("<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>")],
    [pageDict(4)],
    [
      strToU8(`<< /Length ${bomb.length} /Filter ${filter}${options.extraKeys ?? ""} >>\nstream\n`),
      bomb,
      strToU8("\nendstream"),
    ],
    [pageDict(6)],
    [strToU8(`<< /Length ${text.length} >>\nstream\n`), text, strToU8("\nendstream")],
    [strToU8("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")],
  ];
  return assemblePdf(objects);
}

/** A one-page PDF whose page dictionary holds `depth` nested arrays: a recursive parser overflows its stack. */
export function makeDeeplyNestedPdf(depth: number): Uint8Array {
  const text = strToU8("BT /F1 12 Tf 72 720 Td (Opening hours are nine to five.) Tj ET");
  const page = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Nested ${"[".repeat(depth)}${"]".repeat(depth)} >>`;
  return assemblePdf([
    [strToU8("<< /Type /Catalog /Pages 2 0 R >>")],
    [strToU8("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")],
    [strToU8(page)],
    [strToU8(`<< /Length ${text.length} >>\nstream\n`), text, strToU8("\nendstream")],
  ]);
}

/** Numbered objects (1 0 obj, 2 0 obj, ...; object 1 the catalog), a correct xref table and trailer. */
function assemblePdf(objects: Uint8Array[][]): Uint8Array {
  const parts: Uint8Array[] = [strToU8("%PDF-1.4\n")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    for (const part of [strToU8(`${index + 1} 0 obj\n`), ...body, strToU8("\nendobj\n")]) {
      parts.push(part);
      offset += part.length;
    }
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((at) => `${String(at).padStart(10, "0")} 00000 n `),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    `startxref\n${offset}\n%%EOF\n`,
  ].join("\n");
  parts.push(strToU8(xref));
  return concat(parts);
}

function pageDict(contents: number): Uint8Array {
  return strToU8(
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} 0 R ` +
      "/Resources << /Font << /F1 7 0 R >> >> >>",
  );
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/**
 * A valid DOCX whose document.xml holds `megabytes` MB of ordinary paragraphs (each a different
 * sentence, so nothing dedupes), compressed to a small file: it passes every archive guard honestly.
 */
export function makeHugeDocx(megabytes: number): Uint8Array {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const paragraph =
      `<w:p><w:r><w:t>Clause ${i}: the warranty for part ${i % 977} covers ${i % 13} years ` +
      `of ordinary use in room ${i % 31}.</w:t></w:r></w:p>`;
    paragraphs.push(paragraph);
    size += paragraph.length;
  }
  const document = `${XML_HEAD}<w:document xmlns:w="${W_NS}"><w:body>${paragraphs.join("")}</w:body></w:document>`;
  const rels = "http://schemas.openxmlformats.org/package/2006/relationships";
  const office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync(
    {
      "[Content_Types].xml": strToU8(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "_rels/.rels": strToU8(
        `${XML_HEAD}<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${office}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
      "word/document.xml": strToU8(document),
    },
    { level: 9 },
  );
}
