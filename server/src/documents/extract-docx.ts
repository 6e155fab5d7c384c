import mammoth from "mammoth";
import { AppError } from "../errors";
import { type DocxGuardLimits, guardDocx } from "./docx-guard";
import type { ExtractedDocument } from "./extracted";
import { htmlToBlocks } from "./html-blocks";

// Word's built-in Title style is the document's top heading; mammoth maps it to a plain paragraph. Code
// paragraphs (pandoc's "Source Code", Word's "HTML Preformatted", ...) keep their line breaks as `pre`.
const CODE_STYLES = ["Source Code", "Code", "HTML Preformatted", "Plain Text", "Macro Text"];
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...CODE_STYLES.map((name) => `p[style-name='${name}'] => pre:separator('\\n')`),
];

/** Text structure of a DOCX, after the zip-bomb guard has passed it. */
export async function extractDocx(bytes: Uint8Array, limits?: DocxGuardLimits): Promise<ExtractedDocument> {
  guardDocx(bytes, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images carry no text to index; skipping them saves base64-encoding every picture.
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    throw new AppError("invalid_file", "The DOCX could not be read: it is damaged or not a Word document.");
  }
  const blocks = htmlToBlocks(html);
  if (blocks.length === 0) throw new AppError("invalid_file", "The DOCX has no text to index.");
  return { blocks };
}
