export interface CuratedMatch {
  /** A customer question at least this similar to a curated question (or a variant) gets its answer. */
  threshold: number;
  /** Weight of the shared content terms next to the vectors' cosine (see questionSimilarity). */
  termWeight: number;
}

/**
 * Calibrated in bench/curated-match.bench.ts (figures in bench/RESULTS.md, "Curated answers: match
 * threshold"), on five corpora (the Debian FAQ's headings against faq-examples.json, zulip-help,
 * shop-policies, appliance-manual, saas-help): 66 paraphrases of curated questions, 388 other
 * questions. A curated answer given to a different question is worse than retrieval, so this is the
 * lowest setting that matches at most about 1 % of the others (48 % of paraphrases matched, 5 of 388
 * others, one of them on the same topic); a paraphrase below it goes to retrieval as before, and every
 * question the owner adds as a variant widens what matches. The scales differ by embedder;
 * unknown models get a cosine-only guess that is not calibrated (no key to measure with here).
 */
export function curatedMatchFor(embedderId: string): CuratedMatch {
  if (embedderId.startsWith("use-lite")) return { threshold: 0.85, termWeight: 0.25 };
  return { threshold: 0.9, termWeight: 0.25 };
}
