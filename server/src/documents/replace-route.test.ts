import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Document, DocumentList, SearchAnswer, type SearchResult } from "@supportal/shared";
import { apiClient, errorCode, readBody } from "../testing/api-client";
import { ELF_BYTES } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let businessKey: string;
let otherKey: string;
const encoder = new TextEncoder();

function put(documentId: number, bytes: Uint8Array, name: string, token = server.adminToken) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  return fetch(`${server.url}/api/businesses/${businessId}/documents/${documentId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

async function uploadReady(bytes: Uint8Array, name: string): Promise<Document> {
  const doc = await admin.uploadDocument(businessId, bytes, name);
  return admin.waitForDocument(businessId, doc.id);
}

async function search(query: string): Promise<SearchResult[]> {
  const response = await admin.call("POST", `/api/businesses/${businessId}/search`, { query });
  return (await readBody(response, SearchAnswer)).results;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Replace Co" });
  businessId = business.id;
  businessKey = business.apiKey;
  otherKey = (await admin.createBusiness({ name: "Other" })).apiKey;
});
afterAll(() => server.stop({ removeData: true }));

describe("PUT /api/businesses/:id/documents/:docId", () => {
  test("a new version keeps the id, is re-ingested, and the old chunks are gone", async () => {
    const old = await uploadReady(
      encoder.encode("Our warehouse in Rotterdam ships parcels every Monday.\n"),
      "v1.txt",
    );
    expect((await search("Rotterdam warehouse"))[0]?.documentId).toBe(old.id);

    const response = await put(
      old.id,
      encoder.encode("# Shipping\n\nParcels leave our Lisbon depot on Fridays.\n"),
      "v2.md",
      businessKey,
    );
    expect(response.status).toBe(202);
    const accepted = await readBody(response, Document);
    expect(accepted).toMatchObject({
      id: old.id,
      name: "v2.md",
      type: "markdown",
      status: "pending",
      chunkCount: 0,
    });
    expect(
      (await search("Rotterdam warehouse")).some(
        (r) => r.documentId === old.id && r.text.includes("Rotterdam"),
      ),
    ).toBe(false);

    const ready = await admin.waitForDocument(businessId, old.id);
    expect(ready.status).toBe("ready");
    expect(ready.chunkCount).toBeGreaterThan(0);
    const found = await search("Lisbon depot");
    expect(found[0]).toMatchObject({ documentId: old.id, documentName: "v2.md" });
    expect(found.some((r) => r.text.includes("Rotterdam"))).toBe(false);
    const list = await admin.get(DocumentList, "GET", `/api/businesses/${businessId}/documents`);
    expect(list.documents.filter((d) => d.id === old.id)).toHaveLength(1);
  });

  test("bytes already stored as another document are a 409", async () => {
    const a = await uploadReady(encoder.encode("Gift cards never expire.\n"), "gifts.txt");
    const b = await uploadReady(encoder.encode("Socks come in three sizes.\n"), "socks.txt");
    const response = await put(b.id, encoder.encode("Gift cards never expire.\n"), "gifts-again.txt");
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe("conflict");
    expect(a.id).not.toBe(b.id);
  });

  test("bad input is 4xx and leaves the document as it was", async () => {
    const doc = await uploadReady(encoder.encode("Laces are sold in pairs.\n"), "laces.txt");
    const binary = await put(doc.id, ELF_BYTES, "laces.txt");
    expect(binary.status).toBe(415);
    const json = await fetch(`${server.url}/api/businesses/${businessId}/documents/${doc.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    const after = await admin.get(Document, "GET", `/api/businesses/${businessId}/documents/${doc.id}`);
    expect(after).toMatchObject({ status: "ready", name: "laces.txt" });
    expect((await put(987654, encoder.encode("x\n"), "x.txt")).status).toBe(404);
  });

  test("no token is 401; another business's key is 403", async () => {
    const doc = await uploadReady(encoder.encode("Boots are waterproof.\n"), "boots.txt");
    const form = new FormData();
    form.append("file", new File([encoder.encode("new\n")], "boots.txt"));
    const anonymous = await fetch(`${server.url}/api/businesses/${businessId}/documents/${doc.id}`, {
      method: "PUT",
      body: form,
    });
    expect(anonymous.status).toBe(401);
    expect(
      (await put(doc.id, encoder.encode("Boots are not waterproof.\n"), "boots.txt", otherKey)).status,
    ).toBe(403);
  });
});
