import type OpenAI from "openai";
import { AppError } from "../errors";
import { batchTexts } from "./batch-texts";
import type { Embedder } from "./embedder";
import { modelFailure } from "./model-failure";

/** OpenAI takes at most 2,048 inputs a request; smaller requests fail and retry more cheaply. */
const MAX_INPUTS_PER_REQUEST = 96;
/** OpenAI caps a request at 300,000 tokens; at ~4 characters a token this leaves a wide margin. */
const MAX_CHARS_PER_REQUEST = 200_000;

/**
 * Embeddings from OpenAI or an OpenAI-compatible server (Ollama, vLLM, ...), a few requests per call.
 * Retries with backoff on 429/5xx and the per-attempt timeout come from the SDK client, which honours
 * `retry-after`; what still fails becomes `model_unavailable`.
 */
export function createOpenAIEmbedder(options: {
  client: OpenAI;
  model: string;
  batchSize?: number;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}): Embedder {
  const what = `embedding model "${options.model}"`;
  const maxItems = Math.max(1, Math.min(options.batchSize ?? MAX_INPUTS_PER_REQUEST, MAX_INPUTS_PER_REQUEST));

  async function embedBatch(texts: string[]): Promise<number[][]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await options.client.embeddings.create(
        // OpenAI refuses an empty string as input; a space embeds as "nothing" just as well.
        { model: options.model, input: texts.map((text) => (text.length === 0 ? " " : text)) },
        options.timeoutMs ? { timeout: options.timeoutMs } : undefined,
      );
    } catch (error) {
      throw modelFailure(error, what);
    }
    // The API numbers its answers; nothing promises they arrive in the order asked.
    const byIndex = new Map(response.data.map((item) => [item.index, item.embedding]));
    return texts.map((_, index) => {
      const vector = byIndex.get(index);
      if (!vector) {
        throw new AppError(
          "model_unavailable",
          `The ${what} returned ${response.data.length} vectors for ${texts.length} texts.`,
        );
      }
      return vector;
    });
  }

  return {
    id: `openai:${options.model}`,
    async embed(texts) {
      const vectors: number[][] = [];
      // One request at a time: a document's batches in parallel would only trip the rate limit.
      for (const batch of batchTexts(texts, { maxItems, maxChars: MAX_CHARS_PER_REQUEST })) {
        vectors.push(...(await embedBatch(batch)));
      }
      return vectors;
    },
  };
}
