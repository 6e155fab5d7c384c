import http from "node:http";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import { MAX_JSON_BYTES } from "./read-json";

/** Request line and headers together: the limit Node and Bun apply by default. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Multipart framing (boundaries, part headers) on top of an uploaded file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

// Past its own limits Bun answers with a bare status and no body, before any of our code runs. They
// are raised far above the app's, so that the app refuses first with the contract's JSON body; only
// a header block over this (a megabyte) still meets Bun's bare 431.
const NATIVE_HEADER_BYTES = 1024 * 1024;

/** Options for `Bun.serve` (and the process-wide header limit) that leave every refusal to the app. */
export function nativeServeLimits(): { maxRequestBodySize: number } {
  // Typed read-only after Node's, but Bun reads it back when a server starts.
  (http as { maxHeaderSize: number }).maxHeaderSize = NATIVE_HEADER_BYTES;
  // Bodies are streamed and capped by each route's reader; a declared length is checked below.
  return { maxRequestBodySize: Number.MAX_SAFE_INTEGER };
}

const isUpload = (method: string, path: string) =>
  (method === "POST" || method === "PUT") && /^\/api\/businesses\/[^/]+\/documents(\/[^/]+)?\/?$/.test(path);

/**
 * Refuses oversized headers (431) and bodies whose declared length is over what the route reads
 * (413), with the JSON error body. Bodies sent without a length are capped as they are read.
 */
export function requestLimits(options: { maxFileSize: number }): MiddlewareHandler {
  return async (c, next) => {
    const request = c.req.raw;
    let headerBytes = request.method.length + request.url.length + 12;
    request.headers.forEach((value, name) => {
      headerBytes += name.length + value.length + 4;
    });
    if (headerBytes > MAX_HEADER_BYTES) {
      throw new AppError(
        "headers_too_large",
        `The request's headers are larger than ${MAX_HEADER_BYTES / 1024} KB.`,
      );
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    const allowed = isUpload(request.method, c.req.path)
      ? options.maxFileSize + MULTIPART_OVERHEAD
      : MAX_JSON_BYTES;
    if (declared > allowed) throw new AppError("payload_too_large", "The request body is too large.");
    await next();
  };
}
