import { constants, createInflate } from "node:zlib";
import { AppError } from "../errors";

/**
 * Bytes a PDF's streams may inflate to, all together, before text extraction starts. pdf.js keeps a
 * whole decoded stream in one buffer that doubles as it grows, so a 1 GB stream of zeros costs it
 * 2.2 GB (measured); the Debian FAQ's streams (73 pages) inflate to about 1 MB.
 */
export const MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024;

// How far before `stream` its dictionary may start; real dictionaries are a few hundred bytes.
const DICTIONARY_LOOKBACK = 4096;
const INFLATE_CHUNK_BYTES = 256 * 1024;
const STREAM_KEYWORD = new TextEncoder().encode("stream");
const END_KEYWORD = "endstream";

class OverBudget extends Error {}

/**
 * Refuses a PDF whose Flate streams would inflate past `maxBytes`, by inflating each of them as a
 * stream and counting real bytes (a declared `/Length` says nothing about the inflated size). Images
 * are skipped: text extraction never decodes them. Streams behind another filter, or encrypted, are
 * left to the extraction sandbox's memory budget.
 */
export async function guardPdfStreams(bytes: Uint8Array, maxBytes = MAX_PDF_INFLATED_BYTES): Promise<void> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = text.indexOf(STREAM_KEYWORD); at !== -1; at = text.indexOf(STREAM_KEYWORD, at + 6)) {
    if (at >= 3 && text.toString("latin1", at - 3, at) === "end") continue;
    const start = dataStart(text, at + STREAM_KEYWORD.length);
    if (start === -1) continue;
    const layers = flateLayers(text.toString("latin1", Math.max(0, at - DICTIONARY_LOOKBACK), at));
    if (layers === 0) continue;
    const end = text.indexOf(END_KEYWORD, start, "latin1");
    const data = bytes.subarray(start, end === -1 ? bytes.length : end);
    try {
      total += await inflatedSize(data, layers, maxBytes - total);
    } catch (error) {
      if (error instanceof OverBudget) throw tooBig(maxBytes);
      // Damaged data: pdf.js decides what to make of it; it cannot inflate it either.
    }
    if (end !== -1) at = end;
  }
}

/** Where a stream's data starts: after `stream` and its end of line (CRLF or LF). */
function dataStart(text: Buffer, after: number): number {
  if (text[after] === 0x0d && text[after + 1] === 0x0a) return after + 2;
  if (text[after] === 0x0a || text[after] === 0x0d) return after + 1;
  return -1;
}

/**
 * How many Flate filters apply first to the stream whose dictionary ends `before`; 0 when it is an
 * image, has no Flate filter, or starts with another filter.
 */
function flateLayers(before: string): number {
  const dictionary = before.slice(before.lastIndexOf("obj") + 1);
  if (/\/Subtype\s*\/Image\b/.test(dictionary)) return 0;
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1];
  if (!filter) return 0;
  const names = filter.match(/\/[A-Za-z0-9]+/g) ?? [];
  let layers = 0;
  while (layers < names.length && (names[layers] === "/FlateDecode" || names[layers] === "/Fl")) layers++;
  return layers;
}

/** Inflated size of `data` through `layers` zlib decoders; rejects with `OverBudget` past `budget` bytes. */
function inflatedSize(data: Uint8Array, layers: number, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // Streamed in slices and stopped at the budget: a 3 GB bomb is refused in ~50 ms holding ~50 MB
    // (fflate's streaming inflate took 8 s for 200 MB of zeros); a sync flush accepts a cut stream.
    const decoders = Array.from({ length: layers }, () =>
      createInflate({ chunkSize: INFLATE_CHUNK_BYTES, finishFlush: constants.Z_SYNC_FLUSH }),
    );
    for (let i = 0; i + 1 < decoders.length; i++) decoders[i]!.pipe(decoders[i + 1]!);
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      for (const decoder of decoders) decoder.destroy();
      outcome();
    };
    const last = decoders[decoders.length - 1]!;
    last.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) settle(() => reject(new OverBudget()));
    });
    last.on("end", () => settle(() => resolve(size)));
    for (const decoder of decoders) decoder.on("error", (error) => settle(() => reject(error)));
    decoders[0]!.end(data);
  });
}

function tooBig(maxBytes: number): AppError {
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  return new AppError(
    "invalid_file",
    `The PDF expands to more than ${megabytes} MB when its streams are unpacked, which is not a normal document (a compression bomb?).`,
  );
}
