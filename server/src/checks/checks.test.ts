import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Check, CheckList, CheckRun, CheckRunList, CheckSuggestionList } from "@supportal/shared";
import { apiClient, errorCode } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let documentId: number;
const encode = (text: string) => new TextEncoder().encode(text);
const base = () => `/api/businesses/${businessId}/checks`;

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop", handoffEnabled: false })).id;
  const doc = await admin.uploadDocument(
    businessId,
    encode(`${SHOE_FAQ}\n\n# Can I pay by invoice?\n\nInvoices are for business customers only.\n`),
    "faq.md",
  );
  documentId = doc.id;
  expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

async function replaceDocument(text: string) {
  const form = new FormData();
  form.append("file", new File([encode(text)], "faq.md"));
  const response = await fetch(`${server.url}/api/businesses/${businessId}/documents/${documentId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${server.adminToken}` },
    body: form,
  });
  expect(response.status).toBe(202);
  await admin.waitForDocument(businessId, documentId);
}

describe("golden questions", () => {
  test("starter checks come from the headings that ask a question, and can be accepted", async () => {
    const { suggestions } = await admin.get(CheckSuggestionList, "GET", `${base()}/suggestions`);
    expect(suggestions.map((s) => s.question)).toEqual(["Can I pay by invoice?"]);
    expect(suggestions[0]!.expect).toEqual({ documentId });
    const accepted = await admin.get(
      Check,
      "POST",
      `${base()}/suggestions/${suggestions[0]!.id}/accept`,
      undefined,
      201,
    );
    expect(accepted.question).toBe("Can I pay by invoice?");
    expect((await admin.get(CheckSuggestionList, "GET", `${base()}/suggestions`)).suggestions).toEqual([]);
    expect((await admin.call("DELETE", `${base()}/${accepted.id}`)).status).toBe(204);
  });

  test("a run on demand judges document, phrase and refusal, and stores what came back", async () => {
    await admin.get(
      Check,
      "POST",
      base(),
      { question: "How long do I have to return shoes?", expect: { documentId, phrase: "thirty days" } },
      201,
    );
    await admin.get(Check, "POST", base(), { question: "Do you sell tea?", expect: { refuse: true } }, 201);
    await admin.get(
      Check,
      "POST",
      base(),
      { question: "Which sizes should I order?", expect: { phrase: "size up, please" } },
      201,
    );
    const run = await admin.get(CheckRun, "POST", `${base()}/run`);
    expect(run).toMatchObject({
      trigger: "manual",
      status: "done",
      total: 3,
      passed: 2,
      failed: 1,
      regressions: 0,
    });
    const [returns, tea, sizes] = run.results;
    expect(returns).toMatchObject({ passed: true, kind: "answer" });
    expect(returns!.answer).toMatch(/thirty days/);
    expect(returns!.sources.map((s) => s.documentId)).toContain(documentId);
    expect(tea).toMatchObject({ passed: true, kind: "not_found" });
    expect(sizes).toMatchObject({ passed: false, regression: false });
    expect(sizes!.reason).toContain("size up, please");
    const { checks } = await admin.get(CheckList, "GET", base());
    expect(checks.map((c) => c.last?.passed)).toEqual([true, true, false]);
  });

  test("replacing the document runs the checks by themselves; a check that passed and fails now is a regression", async () => {
    await replaceDocument("# Returns\n\nReturns are not accepted. Every sale is final.\n");
    await server.deps.quality.checks.idle(businessId);
    const { runs } = await admin.get(CheckRunList, "GET", `${base()}/runs`);
    expect(runs[0]).toMatchObject({ trigger: "documents", reason: "faq.md ready", status: "done" });
    const run = await admin.get(CheckRun, "GET", `${base()}/runs/${runs[0]!.id}`);
    const returns = run.results.find((r) => r.question.startsWith("How long"))!;
    expect(returns).toMatchObject({ passed: false, regression: true });
    expect(run.results.find((r) => r.question.startsWith("Which sizes"))!.regression).toBe(false);
    expect(run.regressions).toBe(1);
  });

  test("deleting a document runs them again", async () => {
    const before = (await admin.get(CheckRunList, "GET", `${base()}/runs`)).runs.length;
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/documents/${documentId}`)).status).toBe(
      204,
    );
    await server.deps.quality.checks.idle(businessId);
    const { runs } = await admin.get(CheckRunList, "GET", `${base()}/runs`);
    expect(runs.length).toBe(before + 1);
    expect(runs[0]).toMatchObject({ trigger: "documents", reason: "faq.md deleted" });
  });

  test("bad input is refused with a reason", async () => {
    const cases: unknown[] = [
      {},
      { question: "q" },
      { question: "q", expect: {} },
      { question: "q", expect: { refuse: true, phrase: "x" } },
      { question: "q", expect: { documentId: -1 } },
      { question: "q", expect: { documentId: 999999 } },
      { question: "", expect: { refuse: true } },
      { question: "q", expect: { phrase: "" } },
    ];
    for (const body of cases) {
      const response = await admin.call("POST", base(), body);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe("validation_failed");
    }
    expect((await admin.call("GET", `${base()}/runs/999999`)).status).toBe(404);
    expect((await admin.call("GET", `${base()}/runs?limit=abc`)).status).toBe(400);
    expect((await admin.call("GET", `${base()}/999999`)).status).toBe(404);
    expect((await admin.call("POST", `${base()}/suggestions/999999/accept`)).status).toBe(404);
    const empty = (await admin.createBusiness({ name: "Empty" })).id;
    const none = await admin.call("POST", `/api/businesses/${empty}/checks/run`);
    expect(none.status).toBe(409);
  });
});
