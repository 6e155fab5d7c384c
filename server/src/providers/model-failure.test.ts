import { expect, test } from "bun:test";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "openai";
import { AppError } from "../errors";
import { modelFailure } from "./model-failure";

const headers = new Headers();
const what = 'chat model "m"';
const keyQuote = { message: "Incorrect API key provided: sk-abc***xyz" };

const cases: { label: string; error: Error; expected: string }[] = [
  { label: "a timeout", error: new APIConnectionTimeoutError(), expected: "did not answer in time" },
  {
    label: "a refused connection",
    error: new APIConnectionError({ message: "ECONNREFUSED" }),
    expected: "could not be reached",
  },
  { label: "a 429", error: new RateLimitError(429, {}, undefined, headers), expected: "over its rate limit" },
  { label: "a 401", error: new AuthenticationError(401, keyQuote, undefined, headers), expected: "API key" },
  { label: "a 404", error: new NotFoundError(404, {}, undefined, headers), expected: "not found" },
  {
    label: "a 502",
    error: new InternalServerError(502, {}, undefined, headers),
    expected: "failed (HTTP 502)",
  },
  {
    label: "a 400",
    error: new APIError(400, {}, undefined, headers),
    expected: "refused the request (HTTP 400)",
  },
  {
    label: "an error event mid-stream",
    error: new APIError(undefined, {}, undefined, undefined),
    expected: "reported an error",
  },
  { label: "malformed JSON", error: new SyntaxError("Unexpected token"), expected: "could not be read" },
];

test.each(cases)("$label becomes model_unavailable", ({ error, expected }) => {
  const failure = modelFailure(error, what);
  expect(failure).toBeInstanceOf(AppError);
  expect(failure.code).toBe("model_unavailable");
  expect(failure.message).toStartWith('The chat model "m" ');
  expect(failure.message).toContain(expected);
  // The provider's own words (which may quote part of a key) stay out of the message.
  expect(failure.message).not.toContain("sk-");
  expect(failure.cause).toBe(error);
});

test("an AppError passes through unchanged", () => {
  const original = new AppError("model_unavailable", "already explained");
  expect(modelFailure(original, what)).toBe(original);
});
