import type { Repositories } from "../db/repositories";
import type { Embedder } from "../providers/embedder";
import type { CuratedRow } from "./curated-repo";
import type { CuratedMatch } from "./curated-threshold";
import { type QuestionProfile, questionProfile, questionSimilarity } from "./question-similarity";

export interface CuratedHit {
  row: CuratedRow;
  /** The similarity of the question to the closest of its phrasings. */
  score: number;
}

/** Finds the owner's curated answer for a customer question, when one matches well enough. */
export interface CuratedMatcher {
  match(businessId: number, question: string): Promise<CuratedHit | null>;
  /** The business's curated answers changed: read and embed them again on the next question. */
  changed(businessId: number): void;
}

interface Entry {
  row: CuratedRow;
  phrases: QuestionProfile[];
}

/**
 * Each business's curated answers with their phrasings embedded, kept in memory (a business has
 * tens to hundreds; a thousand at most). Built on the first question after a change.
 */
export function createCuratedMatcher(deps: {
  repos: Pick<Repositories, "curated">;
  embedder: Embedder;
  settings: CuratedMatch;
}): CuratedMatcher {
  const indexes = new Map<number, Promise<Entry[]>>();

  async function build(businessId: number): Promise<Entry[]> {
    const rows = await deps.repos.curated.listCuratedRows(businessId);
    if (rows.length === 0) return [];
    const texts = rows.flatMap((row) => [row.question, ...row.variants]);
    // "urgent": a customer may be waiting, and the cache keeps the phrasings' vectors.
    const vectors = await deps.embedder.embed(texts, { priority: "urgent" });
    let next = 0;
    return rows.map((row) => ({
      row,
      phrases: [row.question, ...row.variants].map((text) => questionProfile(text, vectors[next++]!)),
    }));
  }

  function entriesOf(businessId: number): Promise<Entry[]> {
    let index = indexes.get(businessId);
    if (!index) {
      index = build(businessId);
      indexes.set(businessId, index);
      // A failed build (the embedder down) is not kept: the next question tries again.
      index.catch(() => {
        if (indexes.get(businessId) === index) indexes.delete(businessId);
      });
    }
    return index;
  }

  return {
    async match(businessId, question) {
      const entries = await entriesOf(businessId);
      if (entries.length === 0) return null;
      const [vector] = await deps.embedder.embed([question], { priority: "query" });
      const asked = questionProfile(question, vector!);
      let best: CuratedHit | null = null;
      for (const entry of entries) {
        for (const phrase of entry.phrases) {
          const score = questionSimilarity(asked, phrase, deps.settings.termWeight);
          if (!best || score > best.score) best = { row: entry.row, score };
        }
      }
      return best && best.score >= deps.settings.threshold ? best : null;
    },
    changed(businessId) {
      indexes.delete(businessId);
    },
  };
}
