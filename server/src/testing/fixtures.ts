import { deflateSync, strToU8, zipSync } from "fflate";
import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";

/** A PDF line with its own font size; a plain string is drawn at 11 pt. An empty string leaves a blank line. */
export interface PdfLine {
  text: string;
  size?: number;
  /** Points right of the left margin (a table column, an indent). */
  x?: number;
  /** Drawn on the previous line's baseline: the next cell of a table row. */
  sameLine?: boolean;
  /** Courier (code) or Helvetica Bold (a table's header row) instead of Helvetica. */
  font?: "mono" | "bold";
  /** Extra points of space above the line (a table's cell padding). */
  space?: number;
}

export interface MakePdfOptions {
  /** Drawn at the top of every page; `{page}` becomes the page number. */
  header?: string;
  /** Drawn at the bottom of every page; `{page}` becomes the page number. */
  footer?: string;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 72;

/** A text PDF in Helvetica, one entry per line; lines too wide for the page wrap at words. */
export async function makePdf(
  pages: (string | PdfLine)[][],
  options: MakePdfOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const fonts = {
    mono: await doc.embedFont(StandardFonts.Courier),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  for (const [index, lines] of pages.entries()) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    const pageNumber = String(index + 1);
    if (options.header) {
      page.drawText(options.header.replaceAll("{page}", pageNumber), {
        x: MARGIN,
        y: PAGE_HEIGHT - 40,
        size: 9,
        font,
      });
    }
    let y = PAGE_HEIGHT - MARGIN;
    for (const line of lines) {
      const spec: PdfLine = typeof line === "string" ? { text: line } : line;
      const { text, size = 11, x = 0 } = spec;
      const lineFont = spec.font ? fonts[spec.font] : font;
      if (text === "") {
        y -= size * 1.4;
        continue;
      }
      if (spec.sameLine) {
        page.drawText(text, { x: MARGIN + x, y, size, font: lineFont });
        continue;
      }
      y -= spec.space ?? 0;
      for (const part of wrap(text, lineFont, size, PAGE_WIDTH - 2 * MARGIN - x)) {
        y -= size * 1.4;
        if (y < MARGIN) throw new Error(`makePdf: page ${pageNumber} has more lines than fit on it`);
        page.drawText(part, { x: MARGIN + x, y, size, font: lineFont });
      }
    }
    if (options.footer) {
      page.drawText(options.footer.replaceAll("{page}", pageNumber), { x: MARGIN, y: 36, size: 9, font });
    }
  }
  return doc.save();
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** A PDF whose only page holds a drawn rectangle: what a scan without OCR looks like to a text extractor. */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  page.drawRectangle({ x: MARGIN, y: 300, width: 300, height: 200, borderWidth: 2 });
  return doc.save();
}

/** A heading paragraph inside `makeDocx`'s `paragraphs`. */
export interface DocxHeading {
  heading: string;
  /** 1 to 6, default 2. */
  level?: number;
}

export interface MakeDocxInput {
  /** Written as a `Heading1` paragraph first. */
  title?: string;
  paragraphs: (string | DocxHeading)[];
  bullets?: string[];
  /** Rows of cells; the first row is an ordinary row, not a header, unless `tableHeader`. */
  table?: string[][];
  /** The table's first row repeats as a header row (Word's "Repeat as header row"). */
  tableHeader?: boolean;
  /** One paragraph in the "Source Code" style, its lines separated by line breaks (as pandoc writes code). */
  code?: string[];
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A minimal valid DOCX (the parts Word and mammoth need), built in memory. */
export function makeDocx(input: MakeDocxInput): Uint8Array {
  const body: string[] = [];
  if (input.title !== undefined) body.push(paragraphXml(input.title, "Heading1"));
  for (const entry of input.paragraphs) {
    body.push(
      typeof entry === "string"
        ? paragraphXml(entry)
        : paragraphXml(entry.heading, `Heading${entry.level ?? 2}`),
    );
  }
  for (const bullet of input.bullets ?? []) {
    body.push(
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${runXml(bullet)}</w:p>`,
    );
  }
  if (input.code) {
    const runs = input.code.map(runXml).join("<w:r><w:br/></w:r>");
    body.push(`<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr>${runs}</w:p>`);
  }
  if (input.table) body.push(tableXml(input.table, input.tableHeader === true));
  const document = `${XML_HEAD}<w:document xmlns:w="${W_NS}"><w:body>${body.join("")}</w:body></w:document>`;
  const numbering =
    `${XML_HEAD}<w:numbering xmlns:w="${W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">` +
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
  return zipSync({
    "[Content_Types].xml": strToU8(contentTypesXml()),
    "_rels/.rels": strToU8(
      `${XML_HEAD}<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    "word/document.xml": strToU8(document),
    "word/_rels/document.xml.rels": strToU8(
      `${XML_HEAD}<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${OFFICE_REL}/numbering" Target="numbering.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE_REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    "word/numbering.xml": strToU8(numbering),
    "word/styles.xml": strToU8(
      `${XML_HEAD}<w:styles xmlns:w="${W_NS}"><w:style w:type="paragraph" w:styleId="SourceCode">` +
        '<w:name w:val="Source Code"/></w:style></w:styles>',
    ),
  });
}

function contentTypesXml(): string {
  const main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${main}.document.main+xml"/>` +
    `<Override PartName="/word/numbering.xml" ContentType="${main}.numbering+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${main}.styles+xml"/></Types>`
  );
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function runXml(text: string): string {
  return `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraphXml(text: string, style?: string): string {
  const properties = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${properties}${runXml(text)}</w:p>`;
}

function tableXml(rows: string[][], header: boolean): string {
  const rowXml = rows.map(
    (cells, index) =>
      `<w:tr>${index === 0 && header ? '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' : ""}` +
      `${cells.map((cell) => `<w:tc>${paragraphXml(cell)}</w:tc>`).join("")}</w:tr>`,
  );
  return `<w:tbl>${rowXml.join("")}</w:tbl>`;
}

const BOMB_ENTRIES = 128;
const BOMB_ENTRY_BYTES = 1 << 20;

/**
 * A DOCX-looking zip of about 140 KB that inflates to 128 MB: 128 entries of 1 MB of zeros. Every entry
 * declares an uncompressed size of 1 KB, so only a guard that counts real inflated bytes refuses it.
 */
export function makeZipBomb(): Uint8Array {
  const zeros = new Uint8Array(BOMB_ENTRY_BYTES);
  const deflated = deflateSync(zeros, { level: 9 });
  const crc = Bun.hash.crc32(zeros);
  const document = `${XML_HEAD}<w:document xmlns:w="${W_NS}"><w:body>${paragraphXml("Hi")}</w:body></w:document>`;
  const entries = [
    honestEntry("[Content_Types].xml", contentTypesXml()),
    honestEntry("word/document.xml", document),
  ];
  for (let index = 0; index < BOMB_ENTRIES; index++) {
    entries.push({ name: `word/media/zeros-${index}.bin`, data: deflated, crc, declaredSize: 1024 });
  }
  return writeZip(entries);
}

interface ZipEntry {
  name: string;
  /** Deflated bytes. */
  data: Uint8Array;
  crc: number;
  declaredSize: number;
}

function honestEntry(name: string, text: string): ZipEntry {
  const raw = strToU8(text);
  return { name, data: deflateSync(raw), crc: Bun.hash.crc32(raw), declaredSize: raw.length };
}

/** Hand-written zip so declared sizes can lie, which `zipSync` would never do. */
function writeZip(entries: ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const local = new Uint8Array(30 + name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    writeCommonFields(view, 4, entry.crc, entry.data.length, entry.declaredSize, name.length);
    local.set(name, 30);
    const header = new Uint8Array(46 + name.length);
    const centralView = new DataView(header.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    writeCommonFields(centralView, 6, entry.crc, entry.data.length, entry.declaredSize, name.length);
    centralView.setUint32(42, offset, true);
    header.set(name, 46);
    central.push(header);
    parts.push(local, entry.data);
    offset += local.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length, true);
  endView.setUint16(10, entries.length, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  return concat([...parts, ...central, end]);
}

/** Version, flags, method (deflate), time, date, crc, sizes and name length: identical in both headers. */
function writeCommonFields(
  view: DataView,
  at: number,
  crc: number,
  compressedSize: number,
  size: number,
  nameLength: number,
): void {
  view.setUint16(at, 20, true);
  view.setUint16(at + 4, 8, true);
  view.setUint32(at + 10, crc >>> 0, true);
  view.setUint32(at + 14, compressedSize, true);
  view.setUint32(at + 18, size, true);
  view.setUint16(at + 22, nameLength, true);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The first 64 bytes of an x86-64 Linux executable: what a renamed binary upload starts with. */
export const ELF_BYTES: Uint8Array = (() => {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  bytes.set([2, 0, 0x3e, 0, 1, 0, 0, 0], 16);
  return bytes;
})();

/** A three-section shop FAQ in Markdown, for chat tests: one question per section answers cleanly. */
export const SHOE_FAQ = [
  "# Shipping",
  "",
  "We ship parcels to every country in the European Union. Delivery takes three to five working days.",
  "",
  "# Returns",
  "",
  "Unworn shoes can be returned within thirty days of delivery. The refund reaches your card within a week.",
  "",
  "# Sizes",
  "",
  "Our shoes run half a size small, so we recommend ordering half a size up.",
].join("\n");
