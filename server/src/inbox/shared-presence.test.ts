import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  AgentList,
  AgentServerFrame,
  AgentWithToken,
  type ServerFrame,
  StatusFrame,
} from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { redisUnavailable } from "../testing/redis-server";
import type { TestServer } from "../testing/test-server";
import { startTwoInstances, type TwoInstances } from "../testing/two-instances";
import { newSessionId, openSocket } from "../testing/ws-client";

const skip = redisUnavailable();
if (skip) console.warn(`[skip] presence and deletion across instances: ${skip}`);

const isStatus = (f: ServerFrame) => f.type === "status";
const isPresence = (f: ServerFrame) => AgentServerFrame.safeParse(f).data?.type === "presence";

// Two real servers on one Redis, each with its own SQLite holding the same business 1 and agent 1:
// what the people side shares across instances.
describe.skipIf(Boolean(skip))("presence and deletion across instances on one Redis", () => {
  let a: TestServer;
  let b: TestServer;
  let annaOnA: string;

  let instances: TwoInstances;
  beforeAll(async () => {
    instances = await startTwoInstances({}, { name: "Shop", handoffEnabled: true });
    ({ a, b } = instances);
    for (const server of [a, b]) {
      const admin = apiClient(server.url, server.adminToken);
      const created = await admin.call("POST", "/api/businesses/1/agents", { name: "Anna" });
      const agent = AgentWithToken.parse(await created.json());
      if (server === a) annaOnA = agent.token;
    }
  });
  afterAll(() => instances.stop());

  const annaOnlineOn = async (server: TestServer) => {
    const list = await apiClient(server.url, server.adminToken).get(
      AgentList,
      "GET",
      "/api/businesses/1/agents",
    );
    return list.agents.find((agent) => agent.name === "Anna")?.online;
  };

  test("an agent's inbox on A makes people available to a visitor on B, and its closing tells B too", async () => {
    const visitor = await openSocket(`${b.wsUrl}/ws/chat/1/${newSessionId()}`);
    expect(StatusFrame.parse(await visitor.next(isStatus)).agentsAvailable).toBe(false);

    const inbox = await openSocket(`${a.wsUrl}/ws/agent/1`);
    inbox.send({ type: "auth", token: annaOnA });
    const available = await visitor.next((f) => isStatus(f) && StatusFrame.parse(f).agentsAvailable);
    expect(StatusFrame.parse(available)).toMatchObject({ mode: "ai", agentsAvailable: true });
    expect(await annaOnlineOn(b)).toBe(true);
    // An inbox opened on B lists Anna, online on A, beside its own owner.
    const ownerInbox = await openSocket(`${b.wsUrl}/ws/agent/1`);
    ownerInbox.send({ type: "auth", token: b.adminToken, name: "Owner" });
    const ready = AgentServerFrame.parse(
      await ownerInbox.next((f) => AgentServerFrame.safeParse(f).data?.type === "ready"),
    );
    expect(ready.type === "ready" && ready.online.map((agent) => agent.name).sort()).toEqual([
      "Anna",
      "Owner",
    ]);

    // Anna leaves on A: B's inbox hears it.
    const beforeLeaving = ownerInbox.frames.length;
    await inbox.close();
    const withoutAnna = (f: ServerFrame) => isPresence(f) && !JSON.stringify(f).includes("Anna");
    const presence = AgentServerFrame.parse(await ownerInbox.next(withoutAnna, { from: beforeLeaving }));
    expect(presence.type === "presence" && presence.online.map((agent) => agent.name)).toEqual(["Owner"]);
    expect(await annaOnlineOn(b)).toBe(false);
    // With the owner gone too, nobody is available to B's visitor.
    const from = visitor.frames.length;
    await ownerInbox.close();
    const gone = await visitor.next((f) => isStatus(f) && !StatusFrame.parse(f).agentsAvailable, { from });
    expect(StatusFrame.parse(gone).agentsAvailable).toBe(false);
    await visitor.close();
  });

  test("deleting the business on A closes its chat sockets on B", async () => {
    const visitor = await openSocket(`${b.wsUrl}/ws/chat/1/${newSessionId()}`);
    await visitor.next(isStatus);
    const response = await apiClient(a.url, a.adminToken).call("DELETE", "/api/businesses/1");
    expect(response.status).toBe(204);
    await visitor.closed;
    expect(visitor.isOpen).toBe(false);
  });
});
