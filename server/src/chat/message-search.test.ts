import { afterAll, beforeAll, expect, test } from "bun:test";
import { MessageSearchAnswer } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop({ removeData: true }));

test("message search ignores case beyond ASCII, and treats % and _ as plain characters", async () => {
  const admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({ name: "Umlaut" });
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${business.id}/${newSessionId()}`);
  socket.send({ type: "user", message: "Gilt der Rabatt von 20% ÜBER Weihnachten, fragt Émile?" });
  await socket.next(isAssistant);
  await socket.close();

  const search = async (q: string) => {
    const response = await admin.call(
      "GET",
      `/api/businesses/${business.id}/messages?q=${encodeURIComponent(q)}`,
    );
    expect(response.status).toBe(200);
    return (await readBody(response, MessageSearchAnswer)).results.map((hit) => hit.message.sender);
  };
  expect(await search("über weihnachten")).toEqual(["user"]);
  expect(await search("émile")).toEqual(["user"]);
  expect(await search("20%")).toEqual(["user"]);
  expect(await search("2_%")).toEqual([]);
});
