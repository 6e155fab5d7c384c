import type OpenAI from "openai";
import { APIError } from "openai";
import { AppError } from "../errors";
import type { ChatModel } from "./chat-model";
import { modelFailure } from "./model-failure";

/**
 * A chat model behind OpenAI's chat completions API (or a compatible server). `timeoutMs` bounds the
 * wait for the response headers and, while streaming, the silence between two pieces: the SDK's
 * timeout stops at the headers, and a stream that stalls would otherwise hold a customer forever.
 * An abort through `signal` closes the HTTP stream and rejects with the signal's reason.
 */
export function createOpenAIChatModel(options: {
  client: OpenAI;
  model: string;
  timeoutMs: number;
}): ChatModel {
  const what = `chat model "${options.model}"`;
  const stalledError = () => new AppError("model_unavailable", `The ${what} stopped answering mid-reply.`);
  const cutOffError = (cause?: unknown) => {
    const error = new AppError(
      "model_unavailable",
      `The ${what}'s reply was cut off (the connection ended early).`,
    );
    error.cause = cause;
    return error;
  };

  return {
    id: `openai:${options.model}`,

    async *stream({ messages, signal }) {
      const request = new AbortController();
      const forwardAbort = () => request.abort(signal?.reason);
      signal?.addEventListener("abort", forwardAbort, { once: true });
      let stalled = false;
      let streaming = false;
      let finished = false;
      let silence: ReturnType<typeof setTimeout> | undefined;
      const waitForPiece = () => {
        clearTimeout(silence);
        silence = setTimeout(() => {
          stalled = true;
          request.abort();
        }, options.timeoutMs);
      };
      try {
        signal?.throwIfAborted();
        const pieces = await options.client.chat.completions.create(
          { model: options.model, messages, stream: true },
          { signal: request.signal, timeout: options.timeoutMs },
        );
        waitForPiece();
        streaming = true;
        for await (const chunk of pieces) {
          // The customer's side may be slow to take a piece; that is not the model's silence.
          clearTimeout(silence);
          const choice = chunk.choices[0];
          if (choice?.finish_reason) finished = true;
          const delta = choice?.delta?.content;
          if (delta) yield delta;
          waitForPiece();
        }
        // An aborted SDK stream just ends, which would pass for a complete answer; so does a body
        // that ended early but cleanly (a proxy or the server closing it): only a finish reason,
        // which every OpenAI-compatible server sends, says the answer is whole.
        signal?.throwIfAborted();
        if (stalled) throw stalledError();
        if (!finished) throw cutOffError();
      } catch (error) {
        signal?.throwIfAborted();
        if (stalled) throw stalledError();
        // A connection reset mid-stream reaches here as fetch's own error, not the SDK's.
        if (
          streaming &&
          !(error instanceof APIError) &&
          !(error instanceof SyntaxError) &&
          !(error instanceof AppError)
        ) {
          throw cutOffError(error);
        }
        throw modelFailure(error, what);
      } finally {
        clearTimeout(silence);
        signal?.removeEventListener("abort", forwardAbort);
        // Also covers a consumer that stops iterating early: the connection must not linger.
        request.abort();
      }
    },

    async complete({ messages, signal }) {
      try {
        const completion = await options.client.chat.completions.create(
          { model: options.model, messages, stream: false },
          { signal, timeout: options.timeoutMs },
        );
        return completion.choices[0]?.message?.content ?? "";
      } catch (error) {
        signal?.throwIfAborted();
        throw modelFailure(error, what);
      }
    },
  };
}
