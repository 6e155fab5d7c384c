import type { ErrorCode, ErrorFrame } from "@supportal/shared";
import { type AppError, toAppError } from "../errors";
import { describeCause } from "../http/handle-error";

/**
 * What a visitor reads for these kinds: the owner's details (the model's name, the state of the API
 * key, the disk) are not theirs to see; the log keeps them.
 */
const VISITOR_TEXT: Partial<Record<ErrorCode, string>> = {
  model_unavailable: "The assistant is unavailable right now. Please try again in a moment.",
  insufficient_storage: "Your message could not be saved right now. Please try again later.",
  storage_unavailable: "The assistant cannot read its documents right now. Please try again in a moment.",
  internal_error: "Something went wrong on our side. Please try again.",
};

/**
 * The `error` frame for a failed chat turn, by the error's real kind (the same mapping as REST:
 * `toAppError`), and one log line with the details.
 */
export function turnErrorFrame(error: unknown, where: string): ErrorFrame {
  const appError: AppError = toAppError(error);
  if (appError.code === "internal_error") console.error(`[supportal] chat turn failed (${where})`, error);
  else console.error(`[supportal] chat turn failed (${where}): ${appError.code}: ${describeCause(error)}`);
  return { type: "error", code: appError.code, message: VISITOR_TEXT[appError.code] ?? appError.message };
}
