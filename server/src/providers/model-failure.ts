import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { AppError } from "../errors";

/**
 * Turns whatever a model call threw (after the SDK's own retries) into `model_unavailable` with a
 * sentence a customer or operator can act on. The SDK's message stays out of it: for a 401 it quotes
 * part of the key, and it carries the provider's internals; it is kept as `cause` for the logs.
 *
 * `what` names the model, as in `chat model "gpt-4o-mini"`.
 */
export function modelFailure(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const failure = new AppError("model_unavailable", describe(error, what));
  failure.cause = error;
  return failure;
}

function describe(error: unknown, what: string): string {
  // Subclasses before their parents: a timeout is a connection error, and every one is an APIError.
  if (error instanceof APIConnectionTimeoutError) return `The ${what} did not answer in time.`;
  if (error instanceof APIConnectionError) return `The ${what} could not be reached.`;
  if (error instanceof RateLimitError) return `The ${what} is over its rate limit; try again in a moment.`;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return `The ${what} refused the configured API key.`;
  }
  if (error instanceof NotFoundError) return `The ${what} was not found at the configured endpoint.`;
  if (error instanceof APIError) {
    if (error.status === undefined) return `The ${what} reported an error while answering.`;
    if (error.status >= 500) return `The ${what} failed (HTTP ${error.status}).`;
    return `The ${what} refused the request (HTTP ${error.status}).`;
  }
  return `The ${what} sent a reply that could not be read.`;
}
