import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ErrorBody } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isError, isHistory, newSessionId, openSocket } from "../testing/ws-client";

// A server whose vectors and originals live on an object store that goes away while it runs.
describe("the object store unreachable", () => {
  let s3: TestS3;
  let server: TestServer;
  beforeAll(async () => {
    s3 = await startTestS3();
    server = await startTestServer({ env: { ...s3.env("outage"), SUPPORTAL_VECTOR_REFRESH_MS: "0" } });
    const api = apiClient(server.url, server.adminToken);
    await api.createBusiness({ name: "Shop" });
    const doc = await api.uploadDocument(1, new TextEncoder().encode("# Hours\n\nWe open at nine."), "a.md");
    expect((await api.waitForDocument(1, doc.id)).status).toBe("ready");
    await s3.stop();
  });
  afterAll(() => server.stop({ removeData: true }));

  test("search and upload answer 503 storage_unavailable, a chat question an error frame; the server stays up", async () => {
    const api = apiClient(server.url, server.adminToken);
    const search = await api.call("POST", "/api/businesses/1/search", { query: "When do you open?" });
    expect(search.status).toBe(503);
    expect(ErrorBody.parse(await search.json()).error.code).toBe("storage_unavailable");
    const upload = await api.upload(1, new TextEncoder().encode("# Returns\n\nWithin 30 days."), "b.md");
    expect(upload.status).toBe(503);
    expect(ErrorBody.parse(await upload.json()).error.code).toBe("storage_unavailable");

    const socket = await openSocket(`${server.wsUrl}/ws/chat/1/${newSessionId()}`);
    await socket.next(isHistory);
    socket.send({ type: "user", message: "When do you open?", clientId: "q" });
    const answer = await socket.next((f) => isError(f) || isAssistant(f), { timeoutMs: 60_000 });
    expect(answer).toMatchObject({ type: "error", code: "storage_unavailable" });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await socket.close();
  });
});
