import { ftsTokens } from "./fts-tokens";

// LanceDB's BM25 parameters (lance-index scorer.rs), so that scores and their order are the same.
const K1_F = Math.fround(1.2);
const B_F = Math.fround(0.75);

export interface TextHit {
  doc: number;
  score: number;
}

/**
 * Full-text search in memory, scored as LanceDB's index scores `fts_text`: BM25 over the tokens of
 * `fts-tokens.ts`, idf = ln(1 + (N − n + 0.5) / (n + 0.5)), every query token counted as often as it
 * occurs. Documents are numbered in the order they are added; an empty one (a window row without
 * searchable text) still counts in N and in the mean length, as it does in LanceDB.
 */
export class Bm25Index {
  private postings = new Map<string, { docs: number[]; freqs: number[] }>();
  private lengths: number[] = [];
  private totalTokens = 0;

  /** Roughly what the postings hold: a number and a count per token of each document, plus the terms. */
  get bytes(): number {
    return this.totalTokens * 16 + this.postings.size * 64;
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Adds the next document; returns its number. */
  add(text: string): number {
    const doc = this.lengths.length;
    const tokens = text ? ftsTokens(text) : [];
    this.lengths.push(tokens.length);
    this.totalTokens += tokens.length;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) {
      let list = this.postings.get(token);
      if (!list) {
        list = { docs: [], freqs: [] };
        this.postings.set(token, list);
      }
      list.docs.push(doc);
      list.freqs.push(count);
    }
    return doc;
  }

  /**
   * The `limit` best-scoring documents holding any of the query's tokens, best first; equal scores
   * put the later document first. Arithmetic in 32-bit floats, as LanceDB's, so ties stay ties.
   */
  search(query: string, limit: number): TextHit[] {
    const docs = this.lengths.length;
    if (docs === 0 || limit <= 0) return [];
    const f = Math.fround;
    const meanLength = f(f(this.totalTokens) / f(docs));
    const scores = new Map<number, number>();
    for (const token of ftsTokens(query)) {
      const list = this.postings.get(token);
      if (!list) continue;
      const n = list.docs.length;
      const idf = f(Math.log(f(f(f(docs - n) + 0.5) / f(n + 0.5)) + 1));
      for (let i = 0; i < n; i++) {
        const doc = list.docs[i]!;
        const freq = list.freqs[i]!;
        const norm = f(K1_F * f(f(1 - B_F) + f(f(B_F * this.lengths[doc]!) / meanLength)));
        const weight = f(f(f(K1_F + 1) * freq) / f(freq + norm));
        scores.set(doc, f((scores.get(doc) ?? 0) + f(idf * weight)));
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || b.doc - a.doc)
      .slice(0, limit);
  }
}
