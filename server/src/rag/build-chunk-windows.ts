import type { Chunk } from "./chunk";
import { chunkSearchText, splitIntoWindows } from "./chunk-document";
import type { ChunkRow } from "./vector-store";

export type ChunkWindow = Omit<ChunkRow, "vector"> & { embedText: string };

/**
 * A small sentence encoder is weak on long passages, so each chunk is embedded as sentence-sized
 * windows (a chunk then scores as its best window), plus its section heading, which in a FAQ is
 * often the question itself in other words.
 */
export function buildChunkWindows(input: {
  documentId: number;
  documentName: string;
  chunks: Chunk[];
}): ChunkWindow[] {
  const windows: ChunkWindow[] = [];
  for (const chunk of input.chunks) {
    const texts = [...(chunk.heading ? [chunk.heading] : []), ...splitIntoWindows(chunk.text)];
    texts.forEach((embedText, windowIndex) => {
      windows.push({
        documentId: input.documentId,
        documentName: input.documentName,
        chunkIndex: chunk.index,
        windowIndex,
        heading: chunk.heading ?? "",
        page: chunk.page ?? 0,
        text: chunk.text,
        ftsText: windowIndex === 0 ? chunkSearchText(chunk) : "",
        embedText,
      });
    });
  }
  return windows;
}
