import type { CuratedHit, CuratedMatcher } from "../curated/curated-matcher";
import type { ChatModel, ChatTurn } from "../providers/chat-model";
import type { Embedder } from "../providers/embedder";
import { type BestSentences, type RankedChunk, searchChunks } from "../rag/search-chunks";
import type { TermStats } from "../rag/term-stats";
import type { VectorStore } from "../rag/vector-store";
import { NOTICES, placeOf } from "./chat-notices";
import { type ChatLanguage, detectLanguage } from "./detect-language";
import { isHandoffRequest } from "./handoff-request";
import { acceptsOffer } from "./person-offer";
import { judgeRelevance, type RelevanceThresholds, SENTENCE_LEAD_CHUNKS } from "./relevance";
import { smallTalk } from "./small-talk";
import { searchQueries, translatedQuery } from "./standalone-query";

export interface PlanDeps {
  store: VectorStore;
  embedder: Embedder;
  chatModel: ChatModel | null;
  thresholds: RelevanceThresholds;
  topK: number;
  /** The owner's curated answers, tried before any retrieval. */
  curated?: CuratedMatcher;
  /**
   * Search ranks its best chunks by their closest sentence too, where that is known; the answer
   * decision weighs the same figures (`RelevanceThresholds.sentenceLead`).
   */
  bestSentences?: BestSentences;
}

export interface PlanInput {
  businessId: number;
  business: { name: string };
  question: string;
  history: ChatTurn[];
  /** The visitor's language as the widget knows it; the question's own language comes first. */
  lang: ChatLanguage | null;
  signal: AbortSignal;
}

/** What the assistant will say to one customer message, before any of it is written. */
export type Reply =
  | {
      kind: "answer";
      /** Relevant chunks, best first; never empty. */
      chunks: RankedChunk[];
      /** The visitor's language, from the question or the widget; null when neither shows it. */
      language: ChatLanguage | null;
      /** The language the chunks are written in, when it shows. */
      documentsLanguage: ChatLanguage | null;
      /** Answerable, but on little evidence (see `RelevanceThresholds.lowEvidence`). */
      lowEvidence: boolean;
      /** The business's term counts the decision weighed the question's words by. */
      termStats: TermStats;
    }
  | { kind: "curated"; hit: CuratedHit; language: ChatLanguage | null }
  | { kind: "not_found"; language: ChatLanguage; text: string; nearMiss: RankedChunk | null }
  /** Only a greeting or a thanks: answered in kind, not searched (see small-talk.ts). */
  | { kind: "small_talk"; language: ChatLanguage; text: string }
  | {
      kind: "handoff";
      language: ChatLanguage;
      text: string;
      /** Asked for in words, or a yes to the assistant's offer of a person. */
      trigger: "message" | "not_found";
    };

// Enough text of the best chunks to tell their language from function words.
const LANGUAGE_SAMPLE_CHARS = 2000;

/**
 * Samples whose language is known, oldest first. The same few chunks answer most questions, and
 * reading a sample's words cost ~0.15 ms of a loopback turn's ~4 ms (bench/turn-profile.ts); 256
 * samples of 2,000 characters hold ~1 MB.
 */
const KNOWN_SAMPLES = 256;
const sampleLanguages = new Map<string, ChatLanguage | null>();

/** The language the documents answering this business's questions are written in, as retrieved. */
export function languageOfChunks(chunks: RankedChunk[]): ChatLanguage | null {
  const sample = chunks
    .slice(0, 3)
    .map((chunk) => chunk.text)
    .join("\n")
    .slice(0, LANGUAGE_SAMPLE_CHARS);
  const known = sampleLanguages.get(sample);
  if (known !== undefined) return known;
  const language = detectLanguage(sample);
  sampleLanguages.set(sample, language);
  if (sampleLanguages.size > KNOWN_SAMPLES) sampleLanguages.delete(sampleLanguages.keys().next().value!);
  return language;
}

/** The search's reading of the chunks' closest sentences, kept per chunk (null: not all stored). */
function remembering(bestSentences: BestSentences, read: Map<RankedChunk, number | null>): BestSentences {
  return async (vector, chunks) => {
    const similarity = await bestSentences(vector, chunks);
    chunks.forEach((chunk, i) => {
      read.set(chunk, similarity ? similarity[i]! : null);
    });
    return similarity;
  };
}

/**
 * The first chunks' closest stored sentences to the query (see `SENTENCE_LEAD_CHUNKS`), as the search
 * read them for its ranking; read now only for chunks it did not (nothing is embedded: the query's
 * vector is the search's, cached). Null when they are not all stored or there is nothing to compare.
 */
async function closestSentences(
  deps: Pick<PlanDeps, "bestSentences" | "embedder">,
  query: string,
  ranked: RankedChunk[],
  read: Map<RankedChunk, number | null>,
): Promise<number[] | null> {
  const first = ranked.slice(0, SENTENCE_LEAD_CHUNKS);
  if (!deps.bestSentences || first.length < 2) return null;
  if (first.every((chunk) => read.has(chunk))) {
    const known = first.map((chunk) => read.get(chunk));
    return known.every((value) => typeof value === "number") ? (known as number[]) : null;
  }
  const [vector] = await deps.embedder.embed([query], { priority: "query" });
  return deps.bestSentences(vector!, first);
}

/**
 * Decides the reply: a request for a person is never answered from the documents; otherwise the
 * documents are searched (the question alone, or as a follow-up; with a chat model, translated when
 * it is in another language than the documents) and judged answerable, nearly, or not at all.
 */
export async function planReply(deps: PlanDeps, input: PlanInput): Promise<Reply> {
  const stated = detectLanguage(input.question) ?? input.lang;
  const language = stated ?? "en";
  const notices = NOTICES[language];
  if (isHandoffRequest(input.question)) {
    return { kind: "handoff", language, text: notices.handoff(input.business.name), trigger: "message" };
  }
  if (acceptsOffer(input.question, input.history)) {
    return { kind: "handoff", language, text: notices.handoff(input.business.name), trigger: "not_found" };
  }
  const curated = await deps.curated?.match(input.businessId, input.question);
  if (curated) return { kind: "curated", hit: curated, language: stated };
  const pleasantry = smallTalk(input.question);
  if (pleasantry) {
    // "hi" and "thanks" are said in every language: the widget's language then says which to answer in.
    const replyIn = pleasantry.language === "en" ? (stated ?? "en") : pleasantry.language;
    const text =
      pleasantry.kind === "greeting"
        ? NOTICES[replyIn].greeting(input.business.name)
        : NOTICES[replyIn].thanks;
    return { kind: "small_talk", language: replyIn, text };
  }
  let nearMiss: RankedChunk | null = null;
  let documentsLanguage: ChatLanguage | null = null;
  const [queries, stats] = await Promise.all([
    searchQueries({ ...input, chatModel: deps.chatModel }),
    deps.store.termStats(input.businessId),
  ]);
  for (let i = 0; i < queries.length; i++) {
    const query = queries[i]!;
    const read = new Map<RankedChunk, number | null>();
    const ranked = await searchChunks(
      { ...deps, ...(deps.bestSentences ? { bestSentences: remembering(deps.bestSentences, read) } : {}) },
      { businessId: input.businessId, query, k: deps.topK },
    );
    documentsLanguage ??= languageOfChunks(ranked);
    const sentences = deps.thresholds.sentenceLead ? await closestSentences(deps, query, ranked, read) : null;
    const judged = judgeRelevance(query, ranked, deps.thresholds, stats, sentences);
    if (judged.relevant.length > 0) {
      const lowEvidence =
        deps.thresholds.lowEvidence !== undefined && judged.evidence < deps.thresholds.lowEvidence;
      return {
        kind: "answer",
        chunks: judged.relevant,
        language: stated,
        documentsLanguage,
        lowEvidence,
        termStats: stats,
      };
    }
    nearMiss ??= judged.nearMiss;
    // A chat model can carry the question over into the documents' language and search again.
    const otherLanguage = documentsLanguage && documentsLanguage !== language;
    if (i === queries.length - 1 && otherLanguage && deps.chatModel && !input.signal.aborted) {
      const translated = await translatedQuery({
        question: query,
        into: NOTICES.en.languageNames[documentsLanguage!],
        chatModel: deps.chatModel,
        signal: input.signal,
      });
      if (translated) queries.push(translated);
    }
  }
  let text = nearMiss
    ? notices.nearMiss(input.business.name, placeOf(language, nearMiss))
    : notices.notFound(input.business.name);
  if (documentsLanguage && documentsLanguage !== language)
    text += ` ${notices.otherLanguage(documentsLanguage)}`;
  return { kind: "not_found", language, text, nearMiss };
}
