/**
 * Who waits for an embedding, most urgent first: `query` (a search: the customer's whole turn waits
 * on it), `urgent` (a customer waits too, e.g. an answer's sentences), `bulk` (document ingestion).
 */
export type EmbedPriority = "query" | "urgent" | "bulk";

/**
 * Turns texts into vectors. `id` names the model (provider and model name) so that a
 * table never mixes two models' vectors; the vector length is whatever the model returns.
 */
export interface Embedder {
  readonly id: string;
  /**
   * Vectors in the order of `texts`, all of one length. `priority` orders the work of a local model
   * (by default only very small calls go ahead of bulk work); `urgent: true` means `priority: "urgent"`.
   * Callers must not modify the vectors they get: a cache may hand the same arrays to others.
   */
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
  /** Gets ready for a large call (a local model loads its weights) while the caller does other work. */
  warm?(): void;
  close?(): Promise<void>;
}

export interface EmbedOptions {
  urgent?: boolean;
  priority?: EmbedPriority;
}

/** The priority a call asked for, `undefined` when it left it to the embedder. */
export function priorityOf(options: EmbedOptions | undefined): EmbedPriority | undefined {
  return options?.priority ?? (options?.urgent ? "urgent" : undefined);
}
