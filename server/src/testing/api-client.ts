import type { BusinessWithKey, Document } from "@supportal/shared";

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

  return {
    call,
    async createBusiness(input: Record<string, unknown> = { name: "Acme" }): Promise<BusinessWithKey> {
      const response = await call("POST", "/api/businesses", input);
      if (response.status !== 201)
        throw new Error(`create business: ${response.status} ${await response.text()}`);
      return (await response.json()) as BusinessWithKey;
    },
    async upload(businessId: number, bytes: Uint8Array, name: string, token2 = token): Promise<Response> {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(bytes)], name));
      return fetch(`${baseUrl}/api/businesses/${businessId}/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${token2}` },
        body: form,
      });
    },
    /** Polls a document until it leaves pending/processing. */
    async waitForDocument(businessId: number, documentId: number, timeoutMs = 30_000): Promise<Document> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const response = await call("GET", `/api/businesses/${businessId}/documents/${documentId}`);
        const doc = (await response.json()) as Document;
        if (doc.status === "ready" || doc.status === "failed") return doc;
        await Bun.sleep(50);
      }
      throw new Error(`document ${documentId} did not finish within ${timeoutMs} ms`);
    },
  };
}
