import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CuratedAnswer, CuratedAnswerList, CuratedImportResult, type Message } from "@supportal/shared";
import { apiClient, errorCode, readBody } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let documentId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop", handoffEnabled: false })).id;
  const doc = await admin.uploadDocument(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  documentId = doc.id;
  expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

const base = () => `/api/businesses/${businessId}/answers`;

async function ask(question: string): Promise<{ answer: Message; deltas: number }> {
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  await socket.next((f) => f.type === "history");
  socket.send({ type: "user", message: question });
  const answer = await socket.next(isAssistant);
  const deltas = socket.frames.filter((f) => f.type === "delta" && f.id === answer.id).length;
  await socket.close();
  return { answer, deltas };
}

describe("curated answers in the chat", () => {
  let curated: CuratedAnswer;

  test("a question in other words is answered with the curated answer, streamed, its source marked curated", async () => {
    curated = await admin.get(
      CuratedAnswer,
      "POST",
      base(),
      {
        question: "Do you offer gift wrapping?",
        variants: ["can you wrap my order as a present"],
        answer: "Yes: tick **gift wrap** at checkout, it is free for every order.",
        documentId,
      },
      201,
    );
    const { answer, deltas } = await ask("do you do gift wrapping for orders?");
    expect(answer.message).toBe("Yes: tick **gift wrap** at checkout, it is free for every order.");
    expect(deltas).toBeGreaterThan(1);
    expect(answer.sources).toEqual([
      expect.objectContaining({ curated: curated.id, documentId, documentName: "faq.md" }),
    ]);
    const after = await admin.get(CuratedAnswer, "GET", `${base()}/${curated.id}`);
    expect(after.uses).toBe(1);
  });

  test("another question still goes to retrieval", async () => {
    const { answer } = await ask("How long do I have to return shoes?");
    expect(answer.message).toMatch(/thirty days/);
    expect(answer.sources?.some((s) => s.curated !== undefined)).toBe(false);
  });

  test("an edit is used at once; a deleted answer is no longer used", async () => {
    await admin.get(CuratedAnswer, "PATCH", `${base()}/${curated.id}`, {
      answer: "Gift wrap costs 2 euros.",
    });
    expect((await ask("Do you offer gift wrapping?")).answer.message).toBe("Gift wrap costs 2 euros.");
    expect((await admin.call("DELETE", `${base()}/${curated.id}`)).status).toBe(204);
    const { answer } = await ask("Do you offer gift wrapping?");
    expect(answer.sources?.some((s) => s.curated !== undefined) ?? false).toBe(false);
    expect((await admin.call("GET", `${base()}/${curated.id}`)).status).toBe(404);
  });
});

describe("CRUD and bad input", () => {
  test("refusals name what is wrong", async () => {
    const cases: [unknown, "validation_failed"][] = [
      [{}, "validation_failed"],
      [{ question: "   ", answer: "x" }, "validation_failed"],
      [{ question: "q", answer: "" }, "validation_failed"],
      [{ question: "q", answer: "a", variants: "not a list" }, "validation_failed"],
      [{ question: "q", answer: "a", variants: Array(21).fill("v") }, "validation_failed"],
      [{ question: "q", answer: "a", documentId: 999999 }, "validation_failed"],
      [{ question: "q", answer: "a", extra: true }, "validation_failed"],
      [{ question: "q".repeat(501), answer: "a" }, "validation_failed"],
    ];
    for (const [body, code] of cases) {
      const response = await admin.call("POST", base(), body);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe(code);
    }
    const notJson = await fetch(`${server.url}${base()}`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    for (const path of [`${base()}/abc`, `${base()}/0`, `${base()}/999999`]) {
      expect((await admin.call("GET", path)).status).toBe(404);
      expect((await admin.call("PATCH", path, { answer: "x" })).status).toBe(404);
      expect((await admin.call("DELETE", path)).status).toBe(404);
    }
  });

  test("another business's answers are out of reach of its key", async () => {
    const other = await admin.createBusiness({ name: "Other" });
    const mine = await admin.get(CuratedAnswer, "POST", base(), { question: "Mine?", answer: "Yes." }, 201);
    const theirs = apiClient(server.url, other.apiKey);
    expect((await theirs.call("GET", `${base()}/${mine.id}`)).status).toBe(403);
    expect((await theirs.call("GET", `/api/businesses/${other.id}/answers/${mine.id}`)).status).toBe(404);
    await admin.call("DELETE", `${base()}/${mine.id}`);
  });
});

describe("CSV export and import", () => {
  test("an export imports back the same answers, and edits by id update in place", async () => {
    const made = await admin.get(
      CuratedAnswer,
      "POST",
      base(),
      {
        question: '=HYPERLINK("x") and "quotes", commas',
        variants: ["first, variant", "second\nline? no: one per line"],
        answer: "Line one\nLine two with, comma",
      },
      201,
    );
    const exported = await admin.call("GET", `${base()}/export`);
    expect(exported.headers.get("content-type")).toContain("text/csv");
    const csv = await exported.text();
    expect(csv.startsWith("id,question,variants,answer,document_id\r\n")).toBe(true);
    // A formula-like cell is defused for spreadsheets, and undone on import.
    expect(csv).toContain(`"'=HYPERLINK(""x"")`);
    const edited = csv.replace("Line two with, comma", "Line two, edited");
    const imported = await fetch(`${server.url}${base()}/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "text/csv" },
      body: `${edited},"New question?",,New answer.,\r\n`,
    });
    expect(imported.status).toBe(200);
    expect(await readBody(imported, CuratedImportResult)).toEqual({ imported: 2, errors: [] });
    const list = await admin.get(CuratedAnswerList, "GET", base());
    const again = list.answers.find((a) => a.id === made.id)!;
    expect(again.question).toBe(made.question);
    expect(again.variants).toEqual(["first, variant", "second", "line? no: one per line"]);
    expect(again.answer).toBe("Line one\nLine two, edited");
    expect(list.answers.some((a) => a.question === "New question?")).toBe(true);
  });

  test("bad rows are reported by number, good rows kept; a broken file is refused", async () => {
    const post = (body: string, type = "text/csv") =>
      fetch(`${server.url}${base()}/import`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.adminToken}`, "content-type": type },
        body,
      });
    const mixed = await post(
      "question,answer,document_id\nGood one?,Fine.,\n,No question,\nBad doc?,x,424242\n",
    );
    expect(await readBody(mixed, CuratedImportResult)).toEqual({
      imported: 1,
      errors: [
        { row: 3, message: expect.stringContaining("question") },
        { row: 4, message: expect.stringContaining("424242") },
      ],
    });
    expect((await post('question,answer\n"never closed,x\n')).status).toBe(400);
    expect((await post("name,text\na,b\n")).status).toBe(400);
    expect((await post("question,answer\na,b\n", "application/json")).status).toBe(415);
  });
});
