import type { ErrorBody } from "@supportal/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../errors";

/** The one place an error becomes the contract's JSON error shape. Unknown errors never leak details. */
export function handleError(error: Error, c: Context): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[supportal] unexpected error", error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  return c.json(body, appError.status);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError("payload_too_large", "The request body is too large.");
    if (error.status === 401) return new AppError("unauthorized", "A valid bearer token is required.");
    if (error.status < 500) return new AppError("bad_request", error.message || "The request is not valid.");
  }
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}
