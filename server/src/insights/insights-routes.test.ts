import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Document, Insights, type Message } from "@supportal/shared";
import { apiClient, errorCode, readBody } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isHistory, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let businessKey: string;
let otherKey: string;

const FAQ = [
  "# Returns",
  "",
  "Unworn shoes can be returned within thirty days of delivery. The refund reaches your card within a week.",
  "",
  "# Shipping",
  "",
  "We ship parcels to every country in the European Union. Delivery takes three to five working days.",
].join("\n");

/** Asks through the real chat socket and waits for the whole answer. */
async function ask(question: string): Promise<Message> {
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  await socket.next(isHistory);
  socket.send({ type: "user", message: question });
  const answer = await socket.next(isAssistant);
  await socket.close();
  return answer;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Insight Shoes" });
  businessId = business.id;
  businessKey = business.apiKey;
  otherKey = (await admin.createBusiness({ name: "Someone Else" })).apiKey;
  const response = await admin.upload(businessId, new TextEncoder().encode(FAQ), "faq.md");
  const doc = await readBody(response, Document);
  expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");

  await ask("How long do I have to return unworn shoes?");
  await ask("Do you sell gift wrapping for kettles?");
  await ask("do you sell gift wrapping for kettles");
  await ask("Can I pay with Bitcoin?");
});
afterAll(() => server.stop({ removeData: true }));

describe("GET /api/businesses/:id/insights", () => {
  test("knowledge gaps grouped by question, cited documents and messages per day", async () => {
    const response = await apiClient(server.url, businessKey).call(
      "GET",
      `/api/businesses/${businessId}/insights`,
    );
    expect(response.status).toBe(200);
    const insights = await readBody(response, Insights);
    expect(insights.days).toBe(30);
    expect(insights.knowledgeGaps[0]).toMatchObject({
      count: 2,
      question: "do you sell gift wrapping for kettles",
    });
    expect(insights.knowledgeGaps.map((gap) => gap.question)).toContain("Can I pay with Bitcoin?");
    expect(insights.knowledgeGaps.some((gap) => /return/i.test(gap.question))).toBe(false);
    expect(insights.topDocuments).toEqual([
      { documentId: expect.any(Number), documentName: "faq.md", citations: 1, exists: true },
    ]);
    expect(insights.messagesPerDay).toHaveLength(30);
    const today = insights.messagesPerDay.at(-1)!;
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today).toMatchObject({ messages: 8, questions: 4 });
  });

  test("?days narrows the range", async () => {
    const response = await admin.call("GET", `/api/businesses/${businessId}/insights?days=7`);
    expect(response.status).toBe(200);
    expect((await readBody(response, Insights)).messagesPerDay).toHaveLength(7);
  });

  test("no token is 401, another business's key is 403", async () => {
    const anonymous = await fetch(`${server.url}/api/businesses/${businessId}/insights`);
    expect(anonymous.status).toBe(401);
    const foreign = await apiClient(server.url, otherKey).call(
      "GET",
      `/api/businesses/${businessId}/insights`,
    );
    expect(foreign.status).toBe(403);
    expect(await errorCode(foreign)).toBe("forbidden");
  });

  test("bad days and unknown businesses are 4xx", async () => {
    for (const days of ["0", "366", "abc", "-1"]) {
      const response = await admin.call("GET", `/api/businesses/${businessId}/insights?days=${days}`);
      expect(response.status).toBe(400);
    }
    expect((await admin.call("GET", "/api/businesses/99999/insights")).status).toBe(404);
  });
});
