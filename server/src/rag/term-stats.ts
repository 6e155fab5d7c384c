import { contentTerms } from "./terms";

/** How many of a business's chunks hold each content term: the rarity that weighs a shared word. */
export interface TermStats {
  /** Chunks counted. */
  readonly chunks: number;
  /** Chunks whose heading or text holds the (stemmed) term. */
  frequency(term: string): number;
  /** Every term counted, with its frequency. */
  entries(): Iterable<[string, number]>;
}

export const NO_TERM_STATS: TermStats = { chunks: 0, frequency: () => 0, entries: () => [] };

/**
 * Chunk frequencies of content terms, kept as chunks come (a deletion rebuilds, see MemoryTable).
 * The counts only ever grow in place, one chunk at a time: weighQuestion's memo relies on the chunk
 * count changing whenever the counts do.
 */
export class TermCounts implements TermStats {
  private counts = new Map<string, number>();
  private total = 0;

  get chunks(): number {
    return this.total;
  }

  frequency(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  entries(): Iterable<[string, number]> {
    return this.counts.entries();
  }

  /** Counts one chunk, by the text full-text search and coverage read: its heading and its text. */
  add(heading: string, text: string): void {
    this.total++;
    // Not through termSet's cache: loading a table would flush the passages of recent turns.
    for (const term of new Set([...contentTerms(heading), ...contentTerms(text)]))
      this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
  }
}
