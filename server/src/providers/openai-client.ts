import OpenAI from "openai";
import { fetchWithRetryWaitCap } from "./retry-wait-cap";

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
  /** A retry the server asks to wait longer for (`retry-after`) is not made; by default the SDK's 60 s. */
  maxRetryWaitMs?: number;
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
    // Its error lines ("Could not parse message into JSON:", with no detail) would stand beside the
    // one line the server logs for the same failure, with its cause.
    logLevel: "off",
    ...(options.maxRetryWaitMs === undefined ? {} : { fetch: fetchWithRetryWaitCap(options.maxRetryWaitMs) }),
  });
}
