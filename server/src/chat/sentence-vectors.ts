import type { Embedder } from "../providers/embedder";
import { hashSentence, type SentenceVectorRepo } from "./sentence-vector-repo";

type Sentence = { documentId: number; text: string };

/** The vectors of an answer's candidate sentences. */
export interface SentenceVectors {
  /** Every sentence's vector: the stored ones read, the rest embedded now. */
  (sentences: Sentence[]): Promise<ArrayLike<number>[]>;
  /**
   * Only what is stored, undefined for the rest; nothing is embedded. A primary-key read a sentence,
   * so the answerer can weigh the sentences of every chunk it considers, not only of the one it quotes.
   */
  stored(sentences: Sentence[]): Promise<(ArrayLike<number> | undefined)[]>;
}

/**
 * Stored vectors first (filled after each document is ready, see `createSentenceVectorFiller`); the
 * rest embedded now at urgent priority, a customer waits, and stored for the next question. Offline
 * that is ~15 ms a sentence and 20-36 sentences an answer; a stored one costs a primary-key read.
 */
export function storedSentenceVectors(deps: {
  embedder: Embedder;
  repo: SentenceVectorRepo;
}): SentenceVectors {
  const keysOf = (sentences: Sentence[]) =>
    sentences.map((s) => ({ documentId: s.documentId, textHash: hashSentence(s.text) }));
  // An unreadable store costs speed, not the answer: every sentence is embedded now instead.
  const find = (keys: ReturnType<typeof keysOf>) =>
    deps.repo
      .find(deps.embedder.id, keys)
      .catch(() => keys.map((): ArrayLike<number> | undefined => undefined));
  const all = async (sentences: Sentence[]) => {
    const keys = keysOf(sentences);
    const found = await find(keys);
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
  return Object.assign(all, { stored: (sentences: Sentence[]) => find(keysOf(sentences)) });
}

/** No store: every sentence embedded now (tests and benches that build an answerer alone). */
export function embeddedSentenceVectors(embedder: Embedder): SentenceVectors {
  const all = (sentences: Sentence[]) =>
    embedder.embed(
      sentences.map((s) => s.text),
      { urgent: true },
    );
  return Object.assign(all, {
    stored: async (sentences: Sentence[]) => sentences.map((): ArrayLike<number> | undefined => undefined),
  });
}
