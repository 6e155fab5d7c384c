/**
 * Turns texts into vectors. `id` names the model (provider and model name) so that a
 * table never mixes two models' vectors; the vector length is whatever the model returns.
 */
export interface Embedder {
  readonly id: string;
  /**
   * Vectors in the order of `texts`, all of one length. `urgent`: a customer is waiting, so the
   * call goes ahead of bulk work such as document ingestion (by default only very small calls do).
   */
  embed(texts: string[], options?: { urgent?: boolean }): Promise<number[][]>;
  /** Gets ready for a large call (a local model loads its weights) while the caller does other work. */
  warm?(): void;
  close?(): Promise<void>;
}
