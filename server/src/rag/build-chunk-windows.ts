import type { Chunk } from "./chunk";
import { chunkSearchText, splitIntoWindows } from "./chunk-document";
import type { ChunkRow } from "./vector-store";

export type ChunkWindow = Omit<ChunkRow, "vector"> & {
  /** What the encoder reads for this row. */
  embedText: string;
  /**
   * The section heading, whose vector is mixed into this row's (see `mixVectors`): a window then
   * also answers to its section's question, which in a FAQ names the topic the window leaves implicit.
   */
  contextText?: string;
};

/**
 * Sentence-sized windows embedded per chunk, after its heading. The encoder's time grows with the
 * characters it reads (~0.2 ms each a core), and it is what keeps an upload from being searchable:
 * like any embedder that truncates its input, only the start of each chunk gets vectors (chunks
 * overlap, so a section's text is covered in stretches), while full-text search reads all of it.
 * On the Debian FAQ, all windows (~150k characters) against two per chunk (~100k) made no
 * measurable difference to hit@5 or MRR; one per chunk (~60k) lost about 0.04 MRR.
 */
export const WINDOWS_PER_CHUNK = 2;

/**
 * A small sentence encoder is weak on long passages, so each chunk is embedded as sentence-sized
 * windows (a chunk then scores as its best window), plus its section heading as a row of its own,
 * which in a FAQ is often the question itself in other words. Heading numbers ("7.5.") are left out:
 * they mean nothing to the encoder.
 */
export function buildChunkWindows(input: {
  documentId: number;
  documentName: string;
  chunks: Chunk[];
  windowsPerChunk?: number;
}): ChunkWindow[] {
  const windows: ChunkWindow[] = [];
  for (const chunk of input.chunks) {
    const heading = chunk.heading ? bareHeading(chunk.heading) : "";
    const body = splitIntoWindows(chunk.text).slice(0, input.windowsPerChunk ?? WINDOWS_PER_CHUNK);
    const texts = [...(heading ? [heading] : []), ...body];
    texts.forEach((embedText, windowIndex) => {
      const window: ChunkWindow = {
        documentId: input.documentId,
        documentName: input.documentName,
        chunkIndex: chunk.index,
        windowIndex,
        heading: chunk.heading ?? "",
        page: chunk.page ?? 0,
        text: chunk.text,
        ftsText: windowIndex === 0 ? chunkSearchText(chunk) : "",
        embedText,
      };
      if (heading && windowIndex > 0) window.contextText = heading;
      windows.push(window);
    });
  }
  return windows;
}

/** "7.5. What is a conffile?" and "Chapter 7: Basics" without their numbering. */
export function bareHeading(heading: string): string {
  const bare = heading
    .replace(/^(chapter|section|part|appendix)\s+[\dIVXLC]+[.:]?\s*/i, "")
    .replace(/^\d+(\.\d+)*\.?\s+/, "")
    .trim();
  return bare || heading.trim();
}
