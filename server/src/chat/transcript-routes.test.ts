import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MessageSearchAnswer, TranscriptExport } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isHistory, newSessionId, openSocket } from "../testing/ws-client";
import { csvCell } from "./transcript-export";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let owner: ReturnType<typeof apiClient>;
let businessId: number;
let otherKey: string;
const sessionId = newSessionId();

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Transcript Shoes" });
  businessId = business.id;
  owner = apiClient(server.url, business.apiKey);
  otherKey = (await admin.createBusiness({ name: "Other" })).apiKey;
  const faq = "# Returns\n\nUnworn shoes can be returned within thirty days of delivery for a full refund.\n";
  const doc = await admin.uploadDocument(businessId, new TextEncoder().encode(faq), "returns.md");
  await admin.waitForDocument(businessId, doc.id);

  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${sessionId}`);
  await socket.next(isHistory);
  socket.send({ type: "user", message: "How long can I return unworn shoes?" });
  await socket.next(isAssistant);
  const from = socket.frames.length;
  socket.send({ type: "user", message: '=HYPERLINK("x") 100% "quoted", sure' });
  await socket.next(isAssistant, { from });
  await socket.close();
});
afterAll(() => server.stop({ removeData: true }));

describe("GET /api/businesses/:id/messages (search)", () => {
  test("finds messages by text, case-insensitively, with their session", async () => {
    const response = await owner.call("GET", `/api/businesses/${businessId}/messages?q=RETURN%20UNWORN`);
    expect(response.status).toBe(200);
    const { results } = await readBody(response, MessageSearchAnswer);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ sessionId, message: { sender: "user" } });
  });

  test("% and _ are plain characters, not wildcards", async () => {
    const percent = await owner.call(
      "GET",
      `/api/businesses/${businessId}/messages?q=${encodeURIComponent("100%")}`,
    );
    expect((await readBody(percent, MessageSearchAnswer)).results).toHaveLength(1);
    const wildcard = await owner.call(
      "GET",
      `/api/businesses/${businessId}/messages?q=${encodeURIComponent("_")}`,
    );
    expect((await readBody(wildcard, MessageSearchAnswer)).results).toHaveLength(0);
  });

  test("an empty or missing query is 400; no token 401; another key 403", async () => {
    expect((await owner.call("GET", `/api/businesses/${businessId}/messages?q=%20`)).status).toBe(400);
    expect((await owner.call("GET", `/api/businesses/${businessId}/messages`)).status).toBe(400);
    expect((await owner.call("GET", `/api/businesses/${businessId}/messages?q=a&limit=x`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/businesses/${businessId}/messages?q=a`)).status).toBe(401);
    const foreign = apiClient(server.url, otherKey);
    expect((await foreign.call("GET", `/api/businesses/${businessId}/messages?q=a`)).status).toBe(403);
  });
});

describe("GET /api/businesses/:id/messages/export", () => {
  test("JSON holds every session with its messages and sources", async () => {
    const response = await owner.call("GET", `/api/businesses/${businessId}/messages/export?format=json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(".json");
    const data = await readBody(response, TranscriptExport);
    expect(data.businessId).toBe(businessId);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]!.messages).toHaveLength(4);
    expect(data.sessions[0]!.messages[1]!.sources?.[0]?.documentName).toBe("returns.md");
  });

  test("CSV quotes per RFC 4180 and defuses formulas", async () => {
    const response = await admin.call("GET", `/api/businesses/${businessId}/messages/export?format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(".csv");
    const text = await response.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("session_id,message_id,timestamp,sender,message,sources");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toEndWith(",returns.md");
    expect(text).toContain(`"'=HYPERLINK(""x"") 100% ""quoted"", sure"`);
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("plain")).toBe("plain");
  });

  test("an unknown format is 400; no token 401; another key 403; unknown business 404", async () => {
    expect((await owner.call("GET", `/api/businesses/${businessId}/messages/export?format=xml`)).status).toBe(
      400,
    );
    expect((await fetch(`${server.url}/api/businesses/${businessId}/messages/export`)).status).toBe(401);
    const foreign = apiClient(server.url, otherKey);
    expect((await foreign.call("GET", `/api/businesses/${businessId}/messages/export`)).status).toBe(403);
    expect((await admin.call("GET", "/api/businesses/424242/messages/export")).status).toBe(404);
  });
});
