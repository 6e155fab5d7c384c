/** A retrievable piece of a document, with what a citation needs. */
export interface Chunk {
  index: number;
  text: string;
  /** The nearest heading above the chunk (its section), if any. */
  heading?: string;
  page?: number;
}
