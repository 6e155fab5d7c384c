/**
 * Cuts texts into consecutive batches of at most `maxItems` texts and `maxChars` characters, for
 * APIs that cap both the inputs and the tokens of one request. A text longer than `maxChars` goes
 * alone: refusing it is the API's call, with its own limit.
 */
export function batchTexts(texts: string[], limits: { maxItems: number; maxChars: number }): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const text of texts) {
    const full =
      batch.length >= limits.maxItems || (batch.length > 0 && chars + text.length > limits.maxChars);
    if (full) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(text);
    chars += text.length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
