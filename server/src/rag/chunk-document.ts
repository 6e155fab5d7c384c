import type { Block, ExtractedDocument } from "../documents/extracted";
import type { Chunk } from "./chunk";
import { splitAtWords, splitSentences } from "./chunk-sentences";

export { splitIntoWindows } from "./chunk-windows";

export interface ChunkOptions {
  /** Most characters in a chunk's text. */
  size: number;
  /** Most characters repeated from the previous chunk of the same section, whole sentences only. */
  overlap: number;
}

/** The smallest unit packed into chunks: a sentence, a list or table line, or a cut of a monster sentence. */
interface Piece {
  text: string;
  /** Index of the block it comes from: pieces of one block join with `joiner`, blocks with a blank line. */
  block: number;
  joiner: " " | "\n";
  /** Overlap starts only here, so a chunk never opens mid-sentence. */
  startsSentence: boolean;
  page?: number;
  /** A table's header row: repeated atop every chunk that holds rows of its table. */
  header?: boolean;
}

interface Section {
  heading?: string;
  blocks: { block: Block; index: number }[];
}

/**
 * Cuts a document into chunks of at most `size` characters: at headings first (a chunk never spans two
 * sections), then between blocks, then between sentences, then between words. Consecutive chunks of a
 * section share up to `overlap` characters of whole sentences. Each chunk keeps its section heading and
 * the page it starts on; the heading is not part of `text` (see `chunkSearchText`).
 */
export function chunkDocument(doc: ExtractedDocument, options: ChunkOptions): Chunk[] {
  const size = Math.max(1, Math.floor(options.size));
  const overlap = Math.max(0, Math.min(Math.floor(options.overlap), size - 1));
  const chunks: Chunk[] = [];
  const plain = doc.blocks.map((block) => ({ ...block, text: plainPunctuation(block.text) }));
  for (const section of splitSections(plain)) {
    const blocks = section.blocks.map(({ block, index }) => blockPieces(block, index, size));
    for (const chunkPieces of packSection(blocks, size, overlap)) {
      const chunk: Chunk = { index: chunks.length, text: joinPieces(chunkPieces) };
      if (section.heading !== undefined) chunk.heading = section.heading;
      const page = chunkPieces[0]?.page;
      if (page !== undefined) chunk.page = page;
      chunks.push(chunk);
    }
  }
  return chunks;
}

/**
 * Typographic quotes and dashes as a keyboard types them: PDFs set "don’t" and “stable” where a
 * customer types "don't" and "stable", and the full-text index and quoted answers should meet them.
 */
export function plainPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\u00A0/g, " ");
}

/** The text to index for full-text search: the section heading often holds the question's words. */
export function chunkSearchText<T extends Pick<Chunk, "heading" | "text">>(chunk: T): string {
  return chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text;
}

function splitSections(blocks: Block[]): Section[] {
  const sections: Section[] = [{ blocks: [] }];
  for (const [index, block] of blocks.entries()) {
    if (block.kind !== "heading") {
      sections.at(-1)!.blocks.push({ block, index });
      continue;
    }
    const previous = blocks[index - 1];
    // A heading with nothing under it before a heading of its own rank or higher is not a section's title
    // but text set large (a table row, a label): it stays as text, or it would vanish from every chunk.
    if (previous?.kind === "heading" && (previous.level ?? 1) >= (block.level ?? 1)) {
      sections.at(-1)!.blocks.push({ block: asText(previous), index: index - 1 });
    }
    sections.push({ heading: block.text, blocks: [] });
  }
  const last = blocks.at(-1);
  if (last?.kind === "heading")
    sections.at(-1)!.blocks.push({ block: asText(last), index: blocks.length - 1 });
  return sections.filter((section) => section.blocks.length > 0);
}

function asText(heading: Block): Block {
  const { level: _, ...rest } = heading;
  return { ...rest, kind: "paragraph" };
}

function blockPieces(block: Block, index: number, size: number): Piece[] {
  const pieces: Piece[] = [];
  const add = (text: string, joiner: Piece["joiner"], startsSentence: boolean) => {
    const piece: Piece = { text, block: index, joiner, startsSentence };
    if (block.page !== undefined) piece.page = block.page;
    pieces.push(piece);
  };
  const addSentence = (sentence: string, joiner: Piece["joiner"]) => {
    if (sentence.length <= size) {
      add(sentence, joiner, true);
      return;
    }
    for (const [at, part] of splitAtWords(sentence, size).entries())
      add(part, at === 0 ? joiner : " ", at === 0);
  };
  if (block.kind === "paragraph") {
    for (const sentence of splitSentences(block.text)) addSentence(sentence, " ");
    return pieces;
  }
  // Lists, tables and code keep their lines; code keeps its indentation too.
  for (const [at, line] of block.text.split("\n").entries()) {
    const text = block.kind === "code" ? line.trimEnd() : line.trim();
    if (!text.trim()) continue;
    if (at === 0 && block.header && text.length <= size / 2) {
      add(text, "\n", true);
      pieces.at(-1)!.header = true;
    } else if (text.length <= size) add(text, "\n", true);
    else
      for (const [at, sentence] of splitSentences(text).entries())
        addSentence(sentence, at === 0 ? "\n" : " ");
  }
  return pieces;
}

function packSection(blocks: Piece[][], size: number, overlap: number): Piece[][] {
  const chunks: Piece[][] = [];
  let current: Piece[] = [];
  let fresh = 0;
  const flush = () => {
    if (fresh > 0) chunks.push(current);
    current = overlapTail(current, overlap);
    fresh = 0;
  };
  for (const block of blocks) {
    // A block that fits in a chunk of its own is not split across two.
    const fitsAlone = joinPieces(block).length <= size;
    if (fresh > 0 && fitsAlone && joinPieces([...current, ...block]).length > size) flush();
    const header = block[0]?.header ? block[0] : undefined;
    for (const piece of block) {
      while (current.length > 0 && joinPieces([...current, piece]).length > size) {
        if (fresh > 0) {
          flush();
          // Rows read on in the next chunk under their header, so that each value still has its column.
          if (header && piece !== header && !current.includes(header)) current.unshift(header);
        } else {
          // The overlap leaves too little room: give up its oldest sentence (a repeated header last).
          const oldest = current[0] === header && current.length > 1 ? 1 : 0;
          current.splice(oldest, 1);
        }
      }
      current.push(piece);
      fresh += 1;
    }
  }
  if (fresh > 0) chunks.push(current);
  return chunks;
}

function overlapTail(pieces: Piece[], overlap: number): Piece[] {
  let start = pieces.length;
  // Never the whole chunk again, and never from the middle of a sentence.
  while (start > 1 && joinPieces(pieces.slice(start - 1)).length <= overlap) start -= 1;
  while (start < pieces.length && !pieces[start]!.startsSentence) start += 1;
  return pieces.slice(start);
}

function joinPieces(pieces: Piece[]): string {
  let text = "";
  for (const [at, piece] of pieces.entries()) {
    if (at === 0) text = piece.text;
    else text += (pieces[at - 1]!.block === piece.block ? piece.joiner : "\n\n") + piece.text;
  }
  return text;
}
