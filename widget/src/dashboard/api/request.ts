import * as z from "zod/mini";
import { ApiError, apiErrorFrom } from "./api-error";

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** A body sent as it is (a CSV file), with its own content type, instead of JSON. */
  raw?: { text: string; type: string };
}

/** One authenticated call; any answer other than 2xx becomes an ApiError carrying the server's sentence. */
export async function send(base: string, token: string, path: string, options: RequestOptions = {}) {
  const json = options.body === undefined ? undefined : JSON.stringify(options.body);
  const type = options.raw ? options.raw.type : json === undefined ? undefined : "application/json";
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: options.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}) },
      body: options.raw ? options.raw.text : json,
      // The credential travels only in this header; no cookie is ever involved.
      credentials: "omit",
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "The server cannot be reached. Check the connection and try again.",
    );
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.json().catch(() => null));
  return response;
}

/** A JSON call whose answer is checked against its schema before anyone reads it. */
export async function request<Schema extends z.ZodMiniType>(
  base: string,
  token: string,
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.infer<Schema>> {
  const response = await send(base, token, path, options);
  const parsed = z.safeParse(schema, await response.json().catch(() => null));
  if (!parsed.success)
    throw new ApiError(response.status, "bad_answer", "The server sent an unexpected answer.");
  return parsed.data;
}
