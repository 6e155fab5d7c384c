/**
 * How much of the section heading's vector goes into each window's. Measured on FAQ questions phrased
 * as customers ask them (bench/retrieval.bench.ts): 0.5 lifts vector-only hit@5 about as much as
 * embedding "heading + window" as one text, at no extra encoder time.
 */
export const CONTEXT_WEIGHT = 0.5;

/** `vector + weight * context`, scaled to unit length (a dot product stays a cosine). */
export function mixVectors(
  vector: number[],
  context: number[] | undefined,
  weight = CONTEXT_WEIGHT,
): number[] {
  if (!context) return vector;
  const mixed = vector.map((value, i) => value + weight * (context[i] ?? 0));
  let sum = 0;
  for (const value of mixed) sum += value * value;
  const norm = Math.sqrt(sum);
  return norm > 0 ? mixed.map((value) => value / norm) : mixed;
}
