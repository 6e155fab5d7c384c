import { afterAll, beforeAll, expect, test } from "bun:test";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isError, newSessionId, openSocket } from "../testing/ws-client";

let server: TestServer;
let businessId: number;

beforeAll(async () => {
  // Sessions may send plenty; the address may send 3 a minute.
  server = await startTestServer({
    env: { SUPPORTAL_SESSION_RATE_PER_MINUTE: "100", SUPPORTAL_IP_RATE_PER_MINUTE: "3" },
  });
  businessId = (await apiClient(server.url, server.adminToken).createBusiness({ name: "One IP" })).id;
});
afterAll(() => server.stop({ removeData: true }));

test("one address is limited across all of its sessions", async () => {
  // Each session sends one message, well within its own bucket; the fourth is refused for the IP.
  for (let i = 0; i < 3; i++) {
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
    socket.send({ type: "user", message: `question ${i}` });
    await socket.next((f) => isAssistant(f) || isError(f));
    expect(socket.frames.filter(isError)).toEqual([]);
    await socket.close();
  }
  const fourth = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`);
  fourth.send({ type: "user", message: "question 4" });
  expect(await fourth.next(isError)).toMatchObject({ code: "rate_limited" });
  await fourth.close();
});
