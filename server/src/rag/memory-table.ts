import { BackgroundIvf, type IvfReport } from "./background-ivf";
import { Bm25Index } from "./bm25-index";
import { chunkSearchText } from "./chunk-document";
import { TermCounts, type TermStats } from "./term-stats";
import { VectorMatrix } from "./vector-matrix";
import type { ChunkRow, StoredHit } from "./vector-store";

/** What the rows of one chunk share: it is held once, however many windows the chunk has. */
export type ChunkEntry = Pick<
  StoredHit,
  "documentId" | "documentName" | "chunkIndex" | "heading" | "page" | "text"
> & {
  /** The row of the chunk's heading (window 0 of a chunk with a heading), -1 when it has none. */
  headingRow: number;
};

/** A row as read back from the durable store; `vector` only when the table keeps vectors. */
export type TableRow = Omit<ChunkRow, "vector" | "ftsText"> & { vector?: ArrayLike<number> };

/** Bytes a row costs besides its vector and text: its entry in the arrays and the key map. */
const ROW_OVERHEAD_BYTES = 96;
/**
 * Chunks up to which full-text search is answered from memory. LanceDB's index costs ~2-3 ms of CPU a
 * query whatever the size (bench/search-latency.bench.ts); a BM25 in memory costs ~0.1 ms at 166
 * chunks but grows with the postings it walks (~1-2 ms at 2,500 chunks, ~20-40 ms at 25,000), so
 * past this bound LanceDB's index answers.
 */
export const MAX_MEMORY_TEXT_CHUNKS = 2_500;

/** Where a table holding vectors starts to keep an IVF index (rows × dimensions), and who hears of its builds. */
export interface TableIndexing {
  minIndexCells: number;
  onIndexed?: (report: IvfReport) => void;
}

const NO_INDEX: TableIndexing = { minIndexCells: Number.POSITIVE_INFINITY };

const chunkKey = (documentId: number, chunkIndex: number) => `${documentId}:${chunkIndex}`;
const rowKey = (documentId: number, chunkIndex: number, windowIndex: number) =>
  `${documentId}:${chunkIndex}:${windowIndex}`;

/**
 * One business's rows in memory: every chunk's text and metadata, and, while the table is small
 * enough for an exact scan to beat the index (`keepVectors`), every row's unit vector in one
 * `Float32Array`, row after row. Rows come and go with the durable store's writes.
 */
export class MemoryTable {
  private chunks = new Map<string, ChunkEntry>();
  private rowChunk: ChunkEntry[] = [];
  private rowWindow: number[] = [];
  private rowIndex = new Map<string, number>();
  private matrix: VectorMatrix | null;
  private textBytes = 0;
  /** Full-text index of the chunks (one document per chunk, in `textChunks` order); null past the bound. */
  private text: Bm25Index | null = new Bm25Index();
  private textChunks: ChunkEntry[] = [];
  private terms = new TermCounts();
  /** Null while the table keeps no vectors. */
  private ivf: BackgroundIvf | null;

  constructor(
    private dimensions: number,
    private maxVectorCells: number,
    rows: TableRow[] = [],
    keepVectors = true,
    indexing: TableIndexing = NO_INDEX,
  ) {
    this.matrix = keepVectors ? new VectorMatrix(dimensions, Math.max(1, rows.length)) : null;
    this.ivf = keepVectors
      ? new BackgroundIvf(
          () => (this.matrix ? { matrix: this.matrix, count: this.rowCount } : null),
          Math.ceil(indexing.minIndexCells / dimensions),
          indexing.onIndexed,
        )
      : null;
    this.append(rows);
  }

  /** Stops the background index build: the table left memory. */
  close(): void {
    this.ivf?.stop();
  }

  /** A document's rows are about to go (see BackgroundIvf.beginDrop); call the release when they have. */
  beginDrop(): () => void {
    return this.ivf?.beginDrop() ?? (() => {});
  }

  /** Resolves once no index build is running (benches and tests wait on it). */
  indexSettled(): Promise<void> {
    return this.ivf?.settled() ?? Promise.resolve();
  }

  get rowCount(): number {
    return this.rowChunk.length;
  }

  /** How many chunks hold each content term, for weighing shared words by their rarity here. */
  get termStats(): TermStats {
    return this.terms;
  }

  /** True while the vectors are held, so `nearest` answers; false once the table outgrew the scan. */
  get scans(): boolean {
    return this.matrix !== null;
  }

  /** True while full-text search is answered here (`textSearch`); false once past the bound. */
  get searchesText(): boolean {
    return this.text !== null;
  }

  /** What this table holds, to weigh against the memory budget. */
  get bytes(): number {
    const vectorBytes = this.matrix ? this.matrix.vectors.byteLength + (this.ivf?.bytes ?? 0) : 0;
    return vectorBytes + this.textBytes + (this.text?.bytes ?? 0) + this.rowCount * ROW_OVERHEAD_BYTES;
  }

  append(rows: TableRow[]): void {
    const needed = (this.rowCount + rows.length) * this.dimensions;
    if (this.matrix && (needed > this.maxVectorCells || rows.some((row) => !row.vector))) {
      // Past the bound LanceDB's index answers: stop holding vectors.
      this.matrix = null;
      this.ivf = null;
    }
    if (this.matrix && needed > this.matrix.vectors.length) {
      const cells = Math.min(this.maxVectorCells, Math.max(needed, this.matrix.vectors.length * 2));
      const grown = new VectorMatrix(this.dimensions, Math.ceil(cells / this.dimensions));
      grown.vectors.set(this.matrix.vectors.subarray(0, this.rowCount * this.dimensions));
      this.matrix = grown;
    }
    const from = this.rowCount;
    for (const row of rows) {
      const at = this.rowCount;
      const key = chunkKey(row.documentId, row.chunkIndex);
      let chunk = this.chunks.get(key);
      if (!chunk) {
        chunk = {
          documentId: row.documentId,
          documentName: row.documentName,
          chunkIndex: row.chunkIndex,
          heading: row.heading,
          page: row.page,
          text: row.text,
          headingRow: -1,
        };
        this.chunks.set(key, chunk);
        this.terms.add(row.heading, row.text);
        this.textBytes += 2 * (row.text.length + row.heading.length + row.documentName.length);
      }
      // LanceDB indexes the text on the chunk's first window (`ftsText`); the others hold none.
      if (row.windowIndex === 0 && this.text) {
        if (this.textChunks.length >= MAX_MEMORY_TEXT_CHUNKS) this.text = null;
        else {
          this.text.add(chunkSearchText(row));
          this.textChunks.push(chunk);
        }
      }
      if (row.windowIndex === 0 && row.heading !== "") chunk.headingRow = at;
      this.rowChunk.push(chunk);
      this.rowWindow.push(row.windowIndex);
      this.rowIndex.set(rowKey(row.documentId, row.chunkIndex, row.windowIndex), at);
      if (this.matrix && row.vector)
        writeUnit(this.matrix.vectors, at * this.dimensions, row.vector, this.dimensions);
    }
    this.ivf?.appended(from, this.rowCount);
  }

  /** Drops a document's rows; the rest keep their order. */
  deleteDocument(documentId: number): void {
    const keep: number[] = [];
    const moved = new Int32Array(this.rowCount).fill(-1);
    for (let row = 0; row < this.rowCount; row++)
      if (this.rowChunk[row]!.documentId !== documentId) moved[row] = keep.push(row) - 1;
    if (keep.length === this.rowCount) return;
    const chunks = this.rowChunk;
    const windows = this.rowWindow;
    const vectors = this.matrix?.vectors;
    this.chunks = new Map();
    this.rowChunk = [];
    this.rowWindow = [];
    this.rowIndex = new Map();
    this.textBytes = 0;
    this.text = new Bm25Index();
    this.textChunks = [];
    this.terms = new TermCounts();
    // A new array, never a shift in place: vectors handed out as views keep their values.
    this.matrix = vectors ? new VectorMatrix(this.dimensions, Math.max(1, keep.length)) : null;
    // The kept rows are written again under their new numbers: the index renumbers its own instead.
    const ivf = this.ivf;
    this.ivf = null;
    this.append(
      keep.map((row) => {
        const chunk = chunks[row]!;
        const vector = vectors?.subarray(row * this.dimensions, (row + 1) * this.dimensions);
        return { ...chunk, windowIndex: windows[row]!, ...(vector ? { vector } : {}) };
      }),
    );
    this.ivf = this.matrix ? ivf : null;
    this.ivf?.renumbered(moved);
  }

  /**
   * The `limit` rows nearest to `query` by cosine similarity, best first: from the IVF index's probed
   * partitions once it is built and calibrated (true cosines either way), else by an exact scan.
   */
  nearest(query: ArrayLike<number>, limit: number): StoredHit[] {
    if (!this.matrix) throw new Error("this table keeps no vectors");
    const unit = new Float32Array(this.dimensions);
    writeUnit(unit, 0, query, this.dimensions);
    const found =
      this.ivf?.nearest(this.matrix, unit, limit, this.rowCount) ??
      this.matrix.nearest(unit, this.rowCount, limit);
    return found.map(({ row, score }) => this.hitOf(row, score));
  }

  /** The `limit` chunks best matching `query` by BM25, as LanceDB's full-text index ranks them. */
  textSearch(query: string, limit: number): StoredHit[] {
    if (!this.text) throw new Error("this table's text is searched by the durable store");
    return this.text
      .search(query, limit)
      .map(({ doc, score }) => this.entryHit(this.textChunks[doc]!, 0, score));
  }

  /** The hit for a row found elsewhere (the durable store's index), or null when it is not here. */
  hit(documentId: number, chunkIndex: number, windowIndex: number, score: number): StoredHit | null {
    const row = this.rowIndex.get(rowKey(documentId, chunkIndex, windowIndex));
    return row === undefined ? null : this.hitOf(row, score);
  }

  /** A chunk's hit as full-text search reports it (on its first window). */
  chunkHit(documentId: number, chunkIndex: number, score: number): StoredHit | null {
    const chunk = this.chunks.get(chunkKey(documentId, chunkIndex));
    return chunk ? this.entryHit(chunk, 0, score) : null;
  }

  private hitOf(row: number, score: number): StoredHit {
    return this.entryHit(this.rowChunk[row]!, this.rowWindow[row]!, score);
  }

  private entryHit(chunk: ChunkEntry, windowIndex: number, score: number): StoredHit {
    const hit: StoredHit = {
      documentId: chunk.documentId,
      documentName: chunk.documentName,
      chunkIndex: chunk.chunkIndex,
      windowIndex,
      heading: chunk.heading,
      page: chunk.page,
      text: chunk.text,
      score,
    };
    if (this.matrix && chunk.headingRow >= 0) {
      const start = chunk.headingRow * this.dimensions;
      hit.headingVector = this.matrix.vectors.subarray(start, start + this.dimensions);
    }
    return hit;
  }
}

/** Writes `vector` scaled to unit length at `offset`, so a dot product is a cosine. */
function writeUnit(
  target: Float32Array,
  offset: number,
  vector: ArrayLike<number>,
  dimensions: number,
): void {
  let sum = 0;
  for (let i = 0; i < dimensions; i++) sum += (vector[i] ?? 0) * (vector[i] ?? 0);
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < dimensions; i++) target[offset + i] = (vector[i] ?? 0) * scale;
}
