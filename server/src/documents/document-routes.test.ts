import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Document, DocumentList, ErrorBody, SearchAnswer, type SearchResult } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { ELF_BYTES, makeDocx, makeImageOnlyPdf, makePdf, makeZipBomb } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";

const MAX_FILE_SIZE = 300 * 1024;
let server: TestServer;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer({ env: { SUPPORTAL_MAX_FILE_SIZE: String(MAX_FILE_SIZE) } });
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server.stop({ removeData: true }));

const encoder = new TextEncoder();

async function uploadReady(businessId: number, bytes: Uint8Array, name: string): Promise<Document> {
  const response = await admin.upload(businessId, bytes, name);
  expect(response.status).toBe(202);
  const accepted = await readBody(response, Document);
  expect(accepted.status).toBe("pending");
  return admin.waitForDocument(businessId, accepted.id);
}

async function search(businessId: number, query: string, token = server.adminToken): Promise<SearchResult[]> {
  const response = await apiClient(server.url, token).call("POST", `/api/businesses/${businessId}/search`, {
    query,
  });
  expect(response.status).toBe(200);
  return (await readBody(response, SearchAnswer)).results;
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = await readBody(response, ErrorBody);
  return { status: response.status, ...body.error };
}

describe("documents", () => {
  test("a PDF becomes searchable with pages kept, and search is hybrid", async () => {
    const business = await admin.createBusiness({ name: "Pdf Co" });
    const pdf = await makePdf([
      ["Shipping", "", "We ship parcels to every country in the European Union within five working days."],
      ["Returns", "", "You can return unworn shoes within thirty days for a full refund of the price."],
    ]);
    const doc = await uploadReady(business.id, pdf, "faq.pdf");
    expect(doc).toMatchObject({ status: "ready", type: "pdf", name: "faq.pdf", pageCount: 2 });
    expect(doc.chunkCount).toBeGreaterThanOrEqual(1);
    const results = await search(business.id, "How long do I have to send shoes back?");
    expect(results[0]?.text).toContain("thirty days");
    expect(results[0]).toMatchObject({ documentId: doc.id, documentName: "faq.pdf", page: 2 });
    const keyword = await search(business.id, "European Union");
    expect(keyword[0]?.text).toContain("European Union");
  });

  test("DOCX, Markdown and text are ingested; the same bytes twice make no second copy", async () => {
    const business = await admin.createBusiness({ name: "Mixed" });
    const docx = makeDocx({
      title: "Warranty",
      paragraphs: ["Every kettle carries a two year warranty against manufacturing defects."],
      bullets: ["Keep the receipt", "Register online"],
      table: [
        ["Model", "Warranty"],
        ["K1", "2 years"],
      ],
    });
    const docxDoc = await uploadReady(business.id, docx, "warranty.docx");
    expect(docxDoc).toMatchObject({ status: "ready", type: "docx" });
    const md = encoder.encode(
      "# Opening hours\n\nOur shop opens at nine o'clock on weekdays.\n\n- Saturday: ten to four\n",
    );
    const mdDoc = await uploadReady(business.id, md, "hours.md");
    expect(mdDoc.type).toBe("markdown");
    const txt = encoder.encode("Gift cards never expire and can be used online or in store.\n");
    const txtDoc = await uploadReady(business.id, txt, "gifts.txt");
    expect(txtDoc.type).toBe("txt");

    const again = await admin.upload(business.id, txt, "renamed.txt");
    const duplicate = await readBody(again, Document);
    expect(duplicate.id).toBe(txtDoc.id);
    expect(duplicate.duplicate).toBe(true);
    const list = await admin.get(DocumentList, "GET", `/api/businesses/${business.id}/documents`);
    expect(list.documents.map((d) => d.id).sort()).toEqual([docxDoc.id, mdDoc.id, txtDoc.id].sort());

    expect((await search(business.id, "kettle warranty"))[0]?.documentId).toBe(docxDoc.id);
    expect((await search(business.id, "when does the shop open"))[0]?.documentId).toBe(mdDoc.id);
  });

  test("deleting a document removes its chunks from search at once", async () => {
    const business = await admin.createBusiness({ name: "Deleter" });
    const doc = await uploadReady(
      business.id,
      encoder.encode("Penguins live in the southern hemisphere.\n"),
      "p.txt",
    );
    expect((await search(business.id, "penguins")).length).toBeGreaterThan(0);
    expect((await admin.call("DELETE", `/api/businesses/${business.id}/documents/${doc.id}`)).status).toBe(
      204,
    );
    expect(await search(business.id, "penguins")).toEqual([]);
    expect((await admin.call("GET", `/api/businesses/${business.id}/documents/${doc.id}`)).status).toBe(404);
    // Re-uploading the same bytes after deletion makes a fresh document.
    const again = await uploadReady(
      business.id,
      encoder.encode("Penguins live in the southern hemisphere.\n"),
      "p.txt",
    );
    expect(again.id).not.toBe(doc.id);
  });

  test("search is isolated per business", async () => {
    const a = await admin.createBusiness({ name: "Iso A" });
    const b = await admin.createBusiness({ name: "Iso B" });
    await uploadReady(a.id, encoder.encode("The secret recipe uses saffron and cardamom.\n"), "r.txt");
    expect((await search(a.id, "saffron cardamom", a.apiKey)).length).toBe(1);
    expect(await search(b.id, "saffron cardamom", b.apiKey)).toEqual([]);
    const response = await apiClient(server.url, b.apiKey).call("POST", `/api/businesses/${a.id}/search`, {
      query: "saffron",
    });
    expect(response.status).toBe(403);
  });

  test("bad uploads get a clear 4xx and leave nothing behind", async () => {
    const business = await admin.createBusiness({ name: "Bad" });
    const pdf = await makePdf([["Hello"]]);
    const cases: Array<[string, Uint8Array, string, number, string]> = [
      ["empty", new Uint8Array(), "empty.pdf", 400, "invalid_file"],
      ["executable renamed .pdf", ELF_BYTES, "invoice.pdf", 415, "unsupported_media_type"],
      ["truncated PDF", pdf.slice(0, Math.floor(pdf.length / 2)), "cut.pdf", 400, "invalid_file"],
      [
        "Latin-1 text",
        Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x75, 0x20, 0x6c, 0x61, 0x69, 0x74]),
        "menu.txt",
        415,
        "unsupported_media_type",
      ],
      ["zip bomb", makeZipBomb(), "bomb.docx", 400, "invalid_file"],
      ["over the limit", new Uint8Array(MAX_FILE_SIZE + 10).fill(0x61), "big.txt", 413, "payload_too_large"],
    ];
    for (const [label, bytes, name, status, code] of cases) {
      const response = await admin.upload(business.id, bytes, name);
      const error = await errorOf(response);
      expect({ label, status: error.status, code: error.code }).toEqual({ label, status, code });
      expect(error.message).not.toMatch(/\n\s+at /);
    }
    const noField = await fetch(`${server.url}/api/businesses/${business.id}/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: (() => {
        const form = new FormData();
        form.append("other", "x");
        return form;
      })(),
    });
    expect(await errorOf(noField)).toMatchObject({ status: 400, code: "bad_request" });
    const notMultipart = await admin.call("POST", `/api/businesses/${business.id}/documents`, { file: "x" });
    expect(notMultipart.status).toBe(415);
    const list = await admin.get(DocumentList, "GET", `/api/businesses/${business.id}/documents`);
    expect(list.documents).toEqual([]);
  });

  test("a huge streamed body is cut off at the limit without being buffered", async () => {
    const business = await admin.createBusiness({ name: "Stream" });
    let sent = 0;
    const piece = new Uint8Array(64 * 1024).fill(0x62);
    const boundary = "----supportal";
    const head = encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\n\r\n`,
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        // 1 GB if nobody stops reading; the server must stop long before.
        if (sent >= 1024 * 1024 * 1024) return controller.close();
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const response = await fetch(`${server.url}/api/businesses/${business.id}/documents`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      body,
    }).catch((error: Error) => error);
    if (response instanceof Response) {
      expect(response.status).toBe(413);
    }
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  test("an image-only PDF fails with a human reason, a path in the filename is only a name", async () => {
    const business = await admin.createBusiness({ name: "Scan" });
    const failed = await uploadReady(business.id, await makeImageOnlyPdf(), "../../etc/scan.pdf");
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/no extractable text/i);
    expect(failed.name).toBe("scan.pdf");
    expect(failed.chunkCount).toBe(0);
  });

  test("a file part with an empty filename is named by its type, not a 500", async () => {
    const business = await admin.createBusiness({ name: "Nameless" });
    const bytes = encoder.encode("Parcels leave the warehouse every weekday before noon.\n");
    // fetch sends `filename=""`; Bun's parser gives that part a File whose name is undefined.
    const doc = await uploadReady(business.id, bytes, "");
    expect(doc).toMatchObject({ status: "ready", type: "txt", name: "document.txt" });
    const replaced = await fetch(`${server.url}/api/businesses/${business.id}/documents/${doc.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: (() => {
        const form = new FormData();
        form.append("file", new File([encoder.encode("# Dispatch\n\nParcels leave at noon.\n")], ""));
        return form;
      })(),
    });
    expect(replaced.status).toBe(202);
    expect((await readBody(replaced, Document)).name).toMatch(/^document\.(txt|md)$/);
  });
});
