import { readBody } from "../../server/src/testing/api-client";
import { BusinessWithKey, Document } from "../../shared/src/index";
import type { RunningServer } from "./server";

export interface SeedOptions {
  name: string;
  allowedOrigins?: string[];
  greeting?: string;
  theme?: { color?: string; title?: string; position?: "right" | "left" };
  /** Plain-text or Markdown documents, uploaded through the REST API. */
  documents?: { name: string; text: string }[];
}

export interface SeededBusiness {
  id: number;
  apiKey: string;
}

/** Creates a business through the REST API and uploads its documents, waiting until each is ready. */
export async function seedBusiness(server: RunningServer, options: SeedOptions): Promise<SeededBusiness> {
  const { documents = [], ...fields } = options;
  const auth = { authorization: `Bearer ${server.adminToken}` };
  const created = await fetch(`${server.url}/api/businesses`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  if (created.status !== 201) throw new Error(`create business: ${created.status} ${await created.text()}`);
  const business = await readBody(created, BusinessWithKey);

  for (const document of documents) {
    const form = new FormData();
    form.append("file", new File([document.text], document.name));
    const uploaded = await fetch(`${server.url}/api/businesses/${business.id}/documents`, {
      method: "POST",
      headers: auth,
      body: form,
    });
    if (uploaded.status !== 202) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
    const { id } = await readBody(uploaded, Document);
    await waitForReady(server, business.id, id);
  }
  return { id: business.id, apiKey: business.apiKey };
}

export async function waitForReady(
  server: RunningServer,
  businessId: number,
  documentId: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/api/businesses/${businessId}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const document = await readBody(response, Document);
    if (document.status === "ready") return;
    if (document.status === "failed") throw new Error(`document ${documentId} failed: ${document.error}`);
    await Bun.sleep(100);
  }
  throw new Error(`document ${documentId} was not ready within ${timeoutMs} ms`);
}
