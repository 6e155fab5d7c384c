import OpenAI from "openai";

const OPENAI_BASE_URL = "https://api.openai.com/v1";
// OpenAI-compatible local servers (Ollama, llama.cpp, LM Studio) ignore the key, but the SDK
// refuses to start without one.
const PLACEHOLDER_API_KEY = "no-key-needed";

export interface OpenAIClientOptions {
  apiKey?: string;
  baseURL?: string;
  /** Per attempt: time to the response headers, and for non-streamed calls to the whole body. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection failures, spaced as `retry-after` asks or by backoff. */
  maxRetries: number;
}

/** The `openai` SDK client for OpenAI or any OpenAI-compatible endpoint. */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? PLACEHOLDER_API_KEY,
    // Everything explicit: the SDK would otherwise read OPENAI_* variables itself, behind env.ts.
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
}
