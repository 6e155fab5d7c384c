import { afterAll, beforeAll, expect, test } from "bun:test";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isError, isHistory, isUserEcho, newSessionId, openSocket } from "../testing/ws-client";

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
  // Four chats from one address, one message each, well within each session's own bucket: the
  // address's bucket (3) refuses exactly one. Sent back to back, so no refill comes in between.
  const sockets = await Promise.all(
    [0, 1, 2, 3].map(() => openSocket(`${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`)),
  );
  await Promise.all(sockets.map((socket) => socket.next(isHistory)));
  sockets.forEach((socket, i) => {
    socket.send({ type: "user", message: `question ${i}` });
  });
  const outcomes = await Promise.all(
    sockets.map((socket) => socket.next((f) => isUserEcho(f) || isError(f))),
  );
  expect(outcomes.filter(isUserEcho)).toHaveLength(3);
  expect(outcomes.filter(isError).map((f) => f.code)).toEqual(["rate_limited"]);
  await Promise.all(sockets.map((socket) => socket.close()));
});
