import type { Embedder } from "../providers/embedder";
import { hashSentence, type SentenceVectorRepo } from "./sentence-vector-repo";

/** The vectors of an answer's candidate sentences. */
export type SentenceVectors = (
  sentences: { documentId: number; text: string }[],
) => Promise<ArrayLike<number>[]>;

/**
 * Stored vectors first (filled after each document is ready, see `createSentenceVectorFiller`); the
 * rest embedded now at urgent priority, a customer waits, and stored for the next question. Offline
 * that is ~15 ms a sentence and 20-36 sentences an answer; a stored one costs a primary-key read.
 */
export function storedSentenceVectors(deps: {
  embedder: Embedder;
  repo: SentenceVectorRepo;
}): SentenceVectors {
  return async (sentences) => {
    const keys = sentences.map((s) => ({ documentId: s.documentId, textHash: hashSentence(s.text) }));
    // An unreadable store costs speed, not the answer: every sentence is embedded now instead.
    const found = await deps.repo
      .find(deps.embedder.id, keys)
      .catch(() => keys.map((): ArrayLike<number> | undefined => undefined));
    const missing = found.flatMap((vector, i) => (vector ? [] : [i]));
    if (missing.length === 0) return found.map((vector) => vector!);
    const embedded = await deps.embedder.embed(
      missing.map((i) => sentences[i]!.text),
      { urgent: true },
    );
    // The answer does not wait for the write, nor fail with it (a full disk, a document deleted meanwhile).
    deps.repo
      .save(
        deps.embedder.id,
        missing.map((i, j) => ({ ...keys[i]!, vector: embedded[j]! })),
      )
      .catch(() => undefined);
    let next = 0;
    return found.map((vector) => vector ?? embedded[next++]!);
  };
}

/** No store: every sentence embedded now (tests and benches that build an answerer alone). */
export function embeddedSentenceVectors(embedder: Embedder): SentenceVectors {
  return (sentences) =>
    embedder.embed(
      sentences.map((s) => s.text),
      { urgent: true },
    );
}
