import type { ErrorCode } from "@supportal/shared";
import type { ContentfulStatusCode } from "hono/utils/http-status";

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
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_connections: 429,
  daily_limit_reached: 429,
  busy: 429,
  model_unavailable: 503,
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
