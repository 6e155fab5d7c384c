import { describe, expect, test } from "bun:test";
import { Document, ErrorBody, Message, type ServerFrame } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { makeDocx } from "../testing/fixtures";
import { useTestServer } from "../testing/use-test-server";
import { newSessionId, openSocket } from "../testing/ws-client";

const live = useTestServer();

const RETURNS_MD = new TextEncoder().encode(
  "# Returns and refunds\n\n## Damaged parcels\n\nA damaged parcel is replaced for free within thirty days of delivery.\n",
);

async function uploadReady(businessId: number, bytes: Uint8Array, name: string): Promise<Document> {
  const response = await live.admin.upload(businessId, bytes, name);
  expect(response.status).toBe(202);
  const accepted = Document.parse(await response.json());
  return Document.parse(await live.admin.waitForDocument(businessId, accepted.id));
}

const patchTitle = (businessId: number, docId: number, body: unknown, token = live.server.adminToken) =>
  apiClient(live.server.url, token).call("PATCH", `/api/businesses/${businessId}/documents/${docId}`, body);

async function askOnce(businessId: number, question: string): Promise<Message> {
  const socket = await openSocket(`${live.server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  try {
    socket.send({ type: "user", message: question });
    const isAnswer = (frame: ServerFrame) => frame.type === "message" && frame.sender === "assistant";
    return Message.parse(await socket.next(isAnswer, { timeoutMs: 30_000 }));
  } finally {
    await socket.close();
  }
}

describe("document titles", () => {
  test("a document is titled by its first heading; the owner can rename it and give it back", async () => {
    const business = await live.admin.createBusiness({ name: "Titled" });
    const doc = await uploadReady(business.id, RETURNS_MD, "returns-v2-final.md");
    expect(doc).toMatchObject({ status: "ready", title: "Returns and refunds", titleEdited: false });
    const docx = await uploadReady(
      business.id,
      makeDocx({ title: "Warranty guide", paragraphs: ["Kettles carry a two year warranty."] }),
      "w.docx",
    );
    expect(docx.title).toBe("Warranty guide");

    const renamed = await patchTitle(business.id, doc.id, { title: "  Returns policy  " });
    expect(renamed.status).toBe(200);
    expect(Document.parse(await renamed.json())).toMatchObject({
      title: "Returns policy",
      titleEdited: true,
    });
    const listed = await live.admin.call("GET", `/api/businesses/${business.id}/documents`);
    const documents = (await listed.json()) as { documents: unknown[] };
    expect(documents.documents.map((item) => Document.parse(item).title)).toEqual([
      "Returns policy",
      "Warranty guide",
    ]);

    const restored = await patchTitle(business.id, doc.id, { title: null });
    expect(Document.parse(await restored.json())).toMatchObject({
      title: "Returns and refunds",
      titleEdited: false,
    });
  });

  test("answers cite each source once, by its title and section, with no source line in the text", async () => {
    const business = await live.admin.createBusiness({ name: "Cited" });
    const doc = await uploadReady(business.id, RETURNS_MD, "returns-v2-final.md");
    const first = await askOnce(business.id, "Is a damaged parcel replaced?");
    expect(first.message).toContain("replaced for free");
    expect(first.message).not.toContain("returns-v2-final.md");
    expect(first.message).not.toContain("Source:");
    expect(first.sources).toEqual([
      expect.objectContaining({
        documentId: doc.id,
        documentName: "returns-v2-final.md",
        title: "Returns and refunds",
        heading: "Damaged parcels",
      }),
    ]);
    await patchTitle(business.id, doc.id, { title: "Returns policy" });
    const second = await askOnce(business.id, "Is a damaged parcel replaced?");
    expect(second.sources?.map((source) => source.title)).toEqual(["Returns policy"]);
  });

  test("bad titles are 400, another business's key is 403, an unknown document is 404", async () => {
    const business = await live.admin.createBusiness({ name: "Guarded" });
    const other = await live.admin.createBusiness({ name: "Other" });
    const doc = await uploadReady(business.id, RETURNS_MD, "r.md");
    for (const body of [
      { title: "" },
      { title: "   " },
      { title: "x".repeat(201) },
      { title: 7 },
      {},
      { title: "ok", name: "x" },
    ]) {
      const response = await patchTitle(business.id, doc.id, body);
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe("validation_failed");
    }
    const notJson = await fetch(`${live.server.url}/api/businesses/${business.id}/documents/${doc.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${live.server.adminToken}`, "content-type": "application/json" },
      body: "{title",
    });
    expect(notJson.status).toBe(400);
    expect((await patchTitle(business.id, doc.id, { title: "Mine" }, other.apiKey)).status).toBe(403);
    expect((await patchTitle(business.id, 999_999, { title: "Nobody" })).status).toBe(404);
    expect((await patchTitle(business.id, doc.id, { title: "Mine" }, "not-a-token")).status).toBe(401);
    const unchanged = Document.parse(await live.admin.waitForDocument(business.id, doc.id));
    expect(unchanged.title).toBe("Returns and refunds");
  });
});
