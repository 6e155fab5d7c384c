import { MAX_SEARCH_K } from "@supportal/shared";
import type { Embedder } from "../providers/embedder";
import { withBusinessSynonyms } from "./synonyms";
import { contentTerms, termCoverage } from "./terms";
import type { StoredHit, VectorStore } from "./vector-store";

export interface RankedChunk {
  documentId: number;
  documentName: string;
  chunkIndex: number;
  heading: string;
  page: number;
  text: string;
  /** Fused rank score (reciprocal rank fusion); only the order is meaningful. */
  score: number;
  /** Best cosine similarity of any of the chunk's windows, 0 when vector search did not find it. */
  similarity: number;
  /** BM25 score, 0 when full-text search did not find it. */
  textScore: number;
  /** The stored vector of the chunk's heading row, when the store has it at hand (read only). */
  headingVector?: ArrayLike<number>;
}

export type SearchMode = "hybrid" | "vector" | "text";

/**
 * Each chunk's closest sentence to the query vector (cosine), or null when that is not known for
 * every chunk: the offline answerer's stored sentence vectors (see chat/best-sentences.ts).
 */
export type BestSentences = (query: ArrayLike<number>, chunks: RankedChunk[]) => Promise<number[] | null>;

/**
 * Reciprocal rank fusion's constant. The textbook 60 suits many long, weak lists; here a few lists
 * vote on a few hundred chunks and their first places carry most of the signal, so a small constant
 * lets a chunk that one list puts first beat one that every list puts tenth.
 */
const RRF_K = 10;
/**
 * Votes of each list. Section headings (in a FAQ, the questions) form a list of their own: a question
 * asked in other words sits closer to the heading that asks it than to any window of the answer, and
 * in the window list that match is diluted by every window that merely shares the topic.
 */
const WEIGHTS = { windows: 1, headings: 0.25, text: 1 } as const;
/**
 * After the votes, the best candidates are scored again on what ranks hide. The share of the query's
 * content words (stemmed, stopwords dropped) that the chunk, its heading or its document's name
 * holds: a whole match is worth about two first places. The document's name counts because a
 * section's own heading often leaves its article's topic implicit ("Turn it on" in an article
 * named for the feature); counting it took hits@5 on the five tuning help centers from 289 to 293 (zulip 56 →
 * 59, shop 61 → 62, none lower; MRR zulip 0.658 → 0.673, shop 0.712 → 0.716, appliance 0.664 →
 * 0.663, FAQ and saas the same; bench/retrieval-study.ts, k = 5), held-out router-manual unchanged
 * (30/36, MRR 0.778). And the best window's cosine similarity itself: a list's first place
 * may be barely closer than its tenth, or far closer.
 */
const COVERAGE_WEIGHT = 0.2;
const SIMILARITY_WEIGHT = 0.3;
/**
 * Every chunk also gets this share of the summed votes of its document's chunks: a question's
 * answer usually sits in the document the lists keep returning to, so a lone chunk of another
 * document that one list happens to put high should not outrank it. Chosen on the five tuning help
 * centers at once (bench/retrieval-study.ts, k = 5): hits@5 288 → 289 (FAQ 26, zulip 56,
 * appliance 60 → 61, saas 85, shop 61), MRR zulip 0.633 → 0.658, appliance 0.655 → 0.664,
 * saas 0.785 → 0.792, shop 0.724 → 0.712, FAQ 0.812 (one document: no effect); 0.04 to 0.07 gave
 * the same hits, 0.1 lost one on saas and shop. Held-out router-manual unchanged (30/36, 0.778).
 */
const DOCUMENT_WEIGHT = 0.05;
/** Only the best this many fused candidates are scored again: scanning every candidate costs ms. */
const RESCORED_CANDIDATES = 30;
/**
 * Then the best this many vote once more, ranked by their closest sentence to the question, with this
 * weight (the window list votes 1): a window of 250 characters blurs the one line that answers with
 * its neighbours. Chosen on the five tuning help centers at once (bench/retrieval-study.ts, k = 5,
 * hits@5 / MRR): without it debian-faq 26 / 0.81, zulip-help 59 / 0.67, appliance-manual 61 / 0.66,
 * saas-help 85 / 0.79, shop-policies 62 / 0.72 (293); with it 27 / 0.79, 60 / 0.66, 61 / 0.70, 87 /
 * 0.78, 67 / 0.77 (302). Weights 0.5 and 1 and adding 0.3-0.4 x the similarity itself gave 295-300,
 * some with a corpus lower; 30 candidates instead of 15 gave less. Held-out router-manual 30 -> 33 of
 * 36. Fixed, never grown with `k`, so the order of the first results does not depend on it.
 */
const SENTENCE_CANDIDATES = 15;
const SENTENCE_WEIGHT = 1.5;
/**
 * Candidates per list: windows for vectors (several per chunk), chunks for full-text. Fixed, never
 * grown with `k`: deeper lists add votes and would reorder the best results, so asking for 50 results
 * must give the same first five as asking for 5. Sized so the fused list holds `MAX_SEARCH_K` chunks.
 */
const VECTOR_WINDOWS = 150;
const TEXT_CHUNKS = MAX_SEARCH_K;
// The weights were chosen on three corpora at once (the FAQ PDF with its example and held-out
// questions, zulip-help, bench/corpora/shop-policies), keeping only settings that lowered hit@5 and
// MRR on none of them; leaving one corpus out when choosing moved the pick little (bench/RESULTS.md).
// None of them names a question.

const chunkKey = (hit: { documentId: number; chunkIndex: number }) => `${hit.documentId}:${hit.chunkIndex}`;

/** Best window per chunk, in order of first appearance (the store returns best first). */
function bestPerChunk(hits: StoredHit[]): StoredHit[] {
  const seen = new Map<string, StoredHit>();
  for (const hit of hits) if (!seen.has(chunkKey(hit))) seen.set(chunkKey(hit), hit);
  return [...seen.values()];
}

/** A chunk's heading row: window 0 of a chunk with a heading (see `buildChunkWindows`). */
const isHeadingRow = (hit: StoredHit) => hit.windowIndex === 0 && hit.heading !== "";

/**
 * Hybrid retrieval over one business's chunks: the vector lists (best window per chunk, and section
 * headings alone) and the full-text list fused by rank, then nudged by query-term coverage.
 */
export async function searchChunks(
  deps: { embedder: Embedder; store: VectorStore; bestSentences?: BestSentences },
  input: { businessId: number; query: string; k: number; mode?: SearchMode },
): Promise<RankedChunk[]> {
  const mode = input.mode ?? "hybrid";
  const [{ vector, hits: windowHits }, textHits] = await Promise.all([
    mode === "text" ? { vector: null, hits: [] } : vectorCandidates(deps, input),
    mode === "vector" ? [] : textCandidates(deps.store, input),
  ]);
  const fused = new Map<string, RankedChunk>();
  const vote = (list: StoredHit[], weight: number, field?: "similarity" | "textScore") => {
    list.forEach((hit, rank) => {
      const key = chunkKey(hit);
      const entry = fused.get(key) ?? {
        documentId: hit.documentId,
        documentName: hit.documentName,
        chunkIndex: hit.chunkIndex,
        heading: hit.heading,
        page: hit.page,
        text: hit.text,
        score: 0,
        similarity: 0,
        textScore: 0,
        ...(hit.headingVector ? { headingVector: hit.headingVector } : {}),
      };
      entry.score += weight / (RRF_K + rank + 1);
      if (field) entry[field] = Math.max(entry[field], hit.score);
      fused.set(key, entry);
    });
  };
  vote(bestPerChunk(windowHits), WEIGHTS.windows, "similarity");
  vote(textHits, WEIGHTS.text, "textScore");
  if (mode === "hybrid") vote(bestPerChunk(windowHits.filter(isHeadingRow)), WEIGHTS.headings);

  const ranked = [...fused.values()];
  if (mode === "hybrid") addDocumentVotes(ranked);
  ranked.sort((a, b) => b.score - a.score);
  if (mode === "hybrid") rescore(ranked, input.query);
  ranked.sort((a, b) => b.score - a.score);
  if (mode === "hybrid" && vector && deps.bestSentences) {
    const best = ranked.slice(0, SENTENCE_CANDIDATES);
    const similarity = await deps.bestSentences(vector, best);
    if (similarity) voteBySentence(best, similarity);
    ranked.sort((a, b) => b.score - a.score);
  }
  return ranked.slice(0, input.k);
}

/** One more vote for each chunk, by the rank of its closest sentence (see `SENTENCE_WEIGHT`). */
export function voteBySentence(chunks: RankedChunk[], similarity: number[]): void {
  const order = chunks.map((_, i) => i).sort((a, b) => similarity[b]! - similarity[a]! || a - b);
  order.forEach((i, rank) => {
    chunks[i]!.score += SENTENCE_WEIGHT / (RRF_K + rank + 1);
  });
}

/**
 * Adds to each chunk a share of its document's summed votes (see `DOCUMENT_WEIGHT`). Over every fused
 * candidate, whose lists have fixed lengths, so the order does not depend on `k`.
 */
export function addDocumentVotes(ranked: RankedChunk[], weight = DOCUMENT_WEIGHT): void {
  const votes = new Map<number, number>();
  for (const entry of ranked) votes.set(entry.documentId, (votes.get(entry.documentId) ?? 0) + entry.score);
  for (const entry of ranked) entry.score += weight * votes.get(entry.documentId)!;
}

/** File names seen, as words: a business has a few dozen documents, and 30 are read every search. */
const NAME_WORDS_ENTRIES = 4_096;
const namesAsWords = new Map<string, string>();

/** A file name as words: "payment-reminders.md" → "payment reminders". */
export function nameWords(fileName: string): string {
  let words = namesAsWords.get(fileName);
  if (words === undefined) {
    words = fileName.replace(/\.[a-z0-9]+$/i, "").replace(/[-_.]+/g, " ");
    namesAsWords.set(fileName, words);
    if (namesAsWords.size > NAME_WORDS_ENTRIES) namesAsWords.delete(namesAsWords.keys().next().value!);
  }
  return words;
}

/** Adds term coverage and similarity to the votes of the best fused candidates (see the weights). */
export function rescore(ranked: RankedChunk[], query: string): void {
  const terms = contentTerms(query);
  for (const entry of ranked.slice(0, RESCORED_CANDIDATES)) {
    const coverage = termCoverage(terms, entry.heading, entry.text, nameWords(entry.documentName));
    entry.score += COVERAGE_WEIGHT * coverage + SIMILARITY_WEIGHT * entry.similarity;
  }
}

/** The full-text list, searched with the business's words for the question's (see `withBusinessSynonyms`). */
async function textCandidates(store: VectorStore, input: { businessId: number; query: string }) {
  const query = withBusinessSynonyms(input.query, await store.termStats(input.businessId));
  return store.textSearch(input.businessId, query, TEXT_CHUNKS);
}

async function vectorCandidates(
  deps: { embedder: Embedder; store: VectorStore },
  input: { businessId: number; query: string; k: number },
): Promise<{ vector: number[] | null; hits: StoredHit[] }> {
  // In parallel: the row count only spares a search of an empty table, it must not delay the rest.
  const [rows, [vector]] = await Promise.all([
    deps.store.countRows(input.businessId),
    deps.embedder.embed([input.query], { priority: "query" }),
  ]);
  if (rows === 0) return { vector: null, hits: [] };
  return { vector: vector!, hits: await deps.store.vectorSearch(input.businessId, vector!, VECTOR_WINDOWS) };
}
