import * as z from "zod/mini";

/** The closed set of error codes used by REST error bodies and WebSocket `error` frames. */
export const ErrorCode = z.enum([
  "bad_request",
  "invalid_json",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "headers_too_large",
  "unsupported_media_type",
  "invalid_file",
  "embedding_model_mismatch",
  "rate_limited",
  "too_many_connections",
  "daily_limit_reached",
  "busy",
  "invalid_message",
  "message_too_large",
  "model_unavailable",
  "insufficient_storage",
  "storage_unavailable",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
