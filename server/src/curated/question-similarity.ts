import { contentTerms } from "../rag/terms";

/** A question ready to compare: its unit vector and its content terms (stemmed, stopwords out). */
export interface QuestionProfile {
  vector: ArrayLike<number>;
  terms: ReadonlySet<string>;
}

export function questionProfile(text: string, vector: ArrayLike<number>): QuestionProfile {
  return { vector, terms: new Set(contentTerms(text)) };
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

/** Dice overlap of two term sets (0 to 1): what both questions name, over what either names. */
function sharedTerms(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let both = 0;
  for (const term of a) if (b.has(term)) both++;
  return (2 * both) / (a.size + b.size);
}

/**
 * How surely two questions ask the same thing: meaning (cosine of the sentence vectors) plus
 * `termWeight` times the words they share, the two signals retrieval's relevance check combines.
 */
export function questionSimilarity(a: QuestionProfile, b: QuestionProfile, termWeight: number): number {
  return cosine(a.vector, b.vector) + termWeight * sharedTerms(a.terms, b.terms);
}
