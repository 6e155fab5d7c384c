import type { ErrorCode } from "@supportal/shared";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { objectStoreFailure, storageFailure } from "./storage-failure";

const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  invalid_message: 400,
  message_too_large: 413,
  invalid_file: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  embedding_model_mismatch: 409,
  payload_too_large: 413,
  headers_too_large: 431,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_connections: 429,
  daily_limit_reached: 429,
  busy: 429,
  model_unavailable: 503,
  insufficient_storage: 507,
  storage_unavailable: 503,
  internal_error: 500,
};

/** The one error the server throws on purpose; `app.ts` and the chat socket map it to the wire. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: ContentfulStatusCode,
  ) {
    super(message);
    this.name = "AppError";
    this.status = status ?? statusByCode[code];
  }
}

/**
 * What any thrown value means, for REST and socket alike: an `AppError` as it is, a full or
 * read-only disk as `insufficient_storage`, an object store that does not answer as
 * `storage_unavailable`, Hono's own refusals by status, anything else
 * `internal_error` with a message that leaks nothing.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const storage = storageFailure(error);
  if (storage) {
    const failure = new AppError("insufficient_storage", storage);
    failure.cause = error;
    return failure;
  }
  if (objectStoreFailure(error)) {
    const failure = new AppError(
      "storage_unavailable",
      "The document storage cannot be reached right now. Please try again in a moment.",
    );
    failure.cause = error;
    return failure;
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError("payload_too_large", "The request body is too large.");
    if (error.status === 401) return new AppError("unauthorized", "A valid bearer token is required.");
    if (error.status < 500) return new AppError("bad_request", error.message || "The request is not valid.");
  }
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}
