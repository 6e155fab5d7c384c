/** A failed API call, with the server's error code and its human sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The server's `{"error":{"code","message"}}`, or a generic sentence when the body is not that. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    return new ApiError(status, error.code, error.message);
  }
  return new ApiError(status, "http_error", `The server answered ${status}.`);
}

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : "Something went wrong. Please try again.";
