import { BusinessWithKey, Document, ErrorBody } from "@supportal/shared";
import * as z from "zod/mini";

/**
 * Reads a response body through the contract's schema, so a test that reads a body also checks it:
 * a body of the wrong shape fails the test with the offending JSON.
 */
export async function readBody<Schema extends z.ZodMiniType>(
  response: Response,
  schema: Schema,
): Promise<z.output<Schema>> {
  return parseJson(schema, await response.text(), `HTTP ${response.status}`);
}

/** Parses JSON text through the contract's schema; `what` names it in the error. */
export function parseJson<Schema extends z.ZodMiniType>(
  schema: Schema,
  text: string,
  what = "JSON",
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what}: not JSON: ${text.slice(0, 300)}`);
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${what}: breaks the contract (${issues.join("; ")}): ${text.slice(0, 300)}`);
  }
  return parsed.data;
}

/** The error code of a refusal, read through the contract's error shape. */
export const errorCode = async (response: Response) => (await readBody(response, ErrorBody)).error.code;

/** Small typed wrappers over real HTTP calls, for tests. */
export function apiClient(baseUrl: string, token: string) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

  async function call(method: string, path: string, body?: unknown, auth = headers()) {
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? auth : { ...auth, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Calls and reads the answer through `schema`; any other status than `status` fails. */
  async function get<Schema extends z.ZodMiniType>(
    schema: Schema,
    method: string,
    path: string,
    body?: unknown,
    status = 200,
  ): Promise<z.output<Schema>> {
    const response = await call(method, path, body);
    if (response.status !== status) {
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    }
    return readBody(response, schema);
  }

  async function upload(businessId: number, bytes: Uint8Array, name: string, token2 = token) {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(bytes)], name));
    return fetch(`${baseUrl}/api/businesses/${businessId}/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${token2}` },
      body: form,
    });
  }

  return {
    call,
    get,
    createBusiness: (input: Record<string, unknown> = { name: "Acme" }) =>
      get(BusinessWithKey, "POST", "/api/businesses", input, 201),
    upload,
    /** Uploads and reads the accepted document (202) through the contract's schema. */
    async uploadDocument(businessId: number, bytes: Uint8Array, name: string): Promise<Document> {
      const response = await upload(businessId, bytes, name);
      if (response.status !== 202)
        throw new Error(`upload: HTTP ${response.status} ${await response.text()}`);
      return readBody(response, Document);
    },
    /** Polls a document until it leaves pending/processing. */
    async waitForDocument(businessId: number, documentId: number, timeoutMs = 30_000): Promise<Document> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const doc = await get(Document, "GET", `/api/businesses/${businessId}/documents/${documentId}`);
        if (doc.status === "ready" || doc.status === "failed") return doc;
        await Bun.sleep(50);
      }
      throw new Error(`document ${documentId} did not finish within ${timeoutMs} ms`);
    },
  };
}
