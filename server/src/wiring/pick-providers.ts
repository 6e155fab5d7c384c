import type { Answerer } from "../chat/answerer";
import { storedBestSentences } from "../chat/best-sentences";
import { createExtractiveAnswerer } from "../chat/extractive-answerer";
import { createModelAnswerer } from "../chat/model-answerer";
import { type RelevanceThresholds, thresholdsFor } from "../chat/relevance";
import type { SentenceVectorRepo } from "../chat/sentence-vector-repo";
import { storedSentenceVectors } from "../chat/sentence-vectors";
import type { Config } from "../env";
import { withEmbeddingCache } from "../providers/cached-embedder";
import type { ChatModel } from "../providers/chat-model";
import type { Embedder } from "../providers/embedder";
import { createOfflineEmbedder } from "../providers/offline-embedder";
import { createOpenAIChatModel } from "../providers/openai-chat-model";
import { createOpenAIClient } from "../providers/openai-client";
import { createOpenAIEmbedder } from "../providers/openai-embedder";
import type { BestSentences } from "../rag/search-chunks";

export interface Providers {
  embedder: Embedder;
  /** Null with no API key: the offline extractive answerer speaks instead. */
  chatModel: ChatModel | null;
  answerer: Answerer;
  /** Relevance cut-offs tuned for the embedder that made the vectors. */
  thresholds: RelevanceThresholds;
  /** The offline answerer's stored sentence vectors, read by search to rank chunks by their best line. */
  bestSentences?: BestSentences;
}

/**
 * The longest `retry-after` a chat answer waits out before its one retry; a model asking for more
 * (a rate limit reset a minute away) gets the visitor an error frame at once instead of a silent
 * minute. A choice, not a measurement: the SDK's own ceiling is 60 s.
 */
const CHAT_MAX_RETRY_WAIT_MS = 10_000;

/**
 * Offline providers by default; an OpenAI-compatible API for embeddings and answers with a key or a
 * base URL. `embedder` and `chatModel` let tests put their own in (a recording double, a stub's).
 * The offline answerer reads its sentences' vectors from `sentenceVectors` when given.
 */
export function pickProviders(
  config: Pick<Config, "openai" | "modelTimeoutMs" | "embeddingModel" | "chatModel" | "embedWorkers">,
  overrides: { embedder?: Embedder; chatModel?: ChatModel | null } = {},
  stores: { sentenceVectors?: SentenceVectorRepo } = {},
): Providers {
  const { openai } = config;
  const embedder = withEmbeddingCache(
    overrides.embedder ??
      (openai
        ? createOpenAIEmbedder({
            client: createOpenAIClient({ ...openai, timeoutMs: config.modelTimeoutMs, maxRetries: 3 }),
            model: config.embeddingModel,
          })
        : createOfflineEmbedder({ workers: config.embedWorkers })),
  );
  const chatModel =
    overrides.chatModel !== undefined
      ? overrides.chatModel
      : openai
        ? createOpenAIChatModel({
            // A customer is waiting: one retry on a transient error, then an honest error frame.
            client: createOpenAIClient({
              ...openai,
              timeoutMs: config.modelTimeoutMs,
              maxRetries: 1,
              maxRetryWaitMs: CHAT_MAX_RETRY_WAIT_MS,
            }),
            model: config.chatModel,
            timeoutMs: config.modelTimeoutMs,
          })
        : null;
  const sentenceVectors =
    !chatModel && stores.sentenceVectors
      ? storedSentenceVectors({ embedder, repo: stores.sentenceVectors })
      : undefined;
  return {
    embedder,
    chatModel,
    answerer: chatModel
      ? createModelAnswerer({ chatModel })
      : createExtractiveAnswerer({ embedder, ...(sentenceVectors ? { sentenceVectors } : {}) }),
    thresholds: thresholdsFor(embedder.id),
    ...(sentenceVectors ? { bestSentences: storedBestSentences(sentenceVectors) } : {}),
  };
}
