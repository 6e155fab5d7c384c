/** Scales a vector to unit length, so that a dot product is its cosine; a zero vector stays zero. */
export function normalizeVector(vector: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const scale = norm > 0 ? 1 / norm : 0;
  return Array.from(vector, (value) => value * scale);
}
