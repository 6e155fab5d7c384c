import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Business } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isError, isHistory, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer({ env: { SUPPORTAL_SESSION_RATE_PER_MINUTE: "100" } });
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server.stop({ removeData: true }));

describe("a business's own session rate", () => {
  test("is set through PATCH, read back, and limits its chat sessions", async () => {
    const business = await admin.createBusiness({ name: "Slow Chat" });
    expect(business.sessionRatePerMinute).toBeNull();
    const owner = apiClient(server.url, business.apiKey);
    const patched = await owner.call("PATCH", `/api/businesses/${business.id}`, { sessionRatePerMinute: 1 });
    expect(patched.status).toBe(200);
    expect((await readBody(patched, Business)).sessionRatePerMinute).toBe(1);

    const socket = await openSocket(`${server.wsUrl}/ws/chat/${business.id}/${newSessionId()}`);
    await socket.next(isHistory);
    socket.send({ type: "user", message: "first" });
    socket.send({ type: "user", message: "second" });
    const refused = await socket.next(isError);
    expect(refused).toMatchObject({ type: "error", code: "rate_limited" });
    await socket.close();
  });

  test("out-of-range values are 400; null restores the server default", async () => {
    const business = await admin.createBusiness({ name: "Bounds", sessionRatePerMinute: 30 });
    expect(business.sessionRatePerMinute).toBe(30);
    for (const value of [0, 601, 2.5, "10"]) {
      const response = await admin.call("PATCH", `/api/businesses/${business.id}`, {
        sessionRatePerMinute: value,
      });
      expect(response.status).toBe(400);
    }
    const reset = await admin.call("PATCH", `/api/businesses/${business.id}`, { sessionRatePerMinute: null });
    expect((await readBody(reset, Business)).sessionRatePerMinute).toBeNull();
  });
});
