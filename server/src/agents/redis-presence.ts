import type { OnlineAgent } from "@supportal/shared";
import type { DeploymentSignals } from "../redis/deployment-signals";
import { INSTANCE_LEASE_MS, instanceKey, REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import { createLocalPresence, type Presence } from "./presence";

// Per business a hash: "<instance id>|<agent id>" → the agent's name. Fields of an instance whose
// heartbeat key has expired (it crashed) are dropped as they are read.
const READ = `
local out = {}
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do
  local instance = string.match(held[i], '^(.-)|')
  if instance and redis.call('EXISTS', ARGV[1] .. instance) == 1 then
    table.insert(out, held[i])
    table.insert(out, held[i + 1])
  else
    redis.call('HDEL', KEYS[1], held[i])
  end
end
return out
`;

/**
 * How often each instance writes its own open inboxes again and reads everyone's: the fallback for a
 * lost notice (Redis briefly away) and how a crashed instance's agents go offline elsewhere, within
 * this plus the instance lease (20 s).
 */
export const PRESENCE_REFRESH_MS = 10_000;
const KEY_PREFIX = `${REDIS_PREFIX}presence:`;
const keyOf = (businessId: number) => `${KEY_PREFIX}${businessId}`;
// A business's hash outlives its last instance's refreshes by this much, then goes.
const KEEP_MS = String(3 * PRESENCE_REFRESH_MS + INSTANCE_LEASE_MS);

/**
 * Presence shared by every instance: each writes its own open inboxes to Redis and tells the others,
 * which read that business's hash again into their copy. Reads stay synchronous, from the copy.
 */
export async function createRedisPresence(
  redis: Pick<RedisLink, "command" | "instanceId">,
  signals: DeploymentSignals,
): Promise<Presence & { close(): Promise<void> }> {
  const local = createLocalPresence();
  const elsewhere = new Map<number, OnlineAgent[]>();
  const listeners: Array<(businessId: number) => void> = [];
  const field = (agentId: number) => `${redis.instanceId}|${agentId}`;
  const report = (what: string) => (error: unknown) =>
    console.error(`[supportal] redis presence ${what} failed`, error);

  async function read(businessId: number): Promise<void> {
    const flat = (await redis.command.eval(READ, 1, keyOf(businessId), instanceKey(""))) as string[];
    const agents: OnlineAgent[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const [instance, id] = flat[i]!.split("|");
      if (instance !== redis.instanceId) agents.push({ id: Number(id), name: flat[i + 1]! });
    }
    agents.sort((x, y) => x.id - y.id || x.name.localeCompare(y.name));
    const before = JSON.stringify(elsewhere.get(businessId) ?? []);
    if (agents.length > 0) elsewhere.set(businessId, agents);
    else elsewhere.delete(businessId);
    if (JSON.stringify(agents) !== before) for (const listener of listeners) listener(businessId);
  }

  async function write(businessId: number): Promise<void> {
    const agents = local.online(businessId);
    if (agents.length === 0) return;
    await redis.command.send("HSET", [
      keyOf(businessId),
      ...agents.flatMap((agent) => [field(agent.id), agent.name]),
    ]);
    await redis.command.send("PEXPIRE", [keyOf(businessId), KEEP_MS]);
  }

  async function businessesInRedis(): Promise<number[]> {
    const found: number[] = [];
    let cursor = "0";
    do {
      const answer = await redis.command.send("SCAN", [cursor, "MATCH", `${KEY_PREFIX}*`, "COUNT", "200"]);
      const [next, keys] = answer as [string, string[]];
      cursor = next;
      for (const key of keys) found.push(Number(key.slice(KEY_PREFIX.length)));
    } while (cursor !== "0");
    return found;
  }

  async function refreshAll(): Promise<void> {
    for (const businessId of local.open.keys()) await write(businessId);
    const businesses = new Set([...(await businessesInRedis()), ...elsewhere.keys()]);
    for (const businessId of businesses) await read(businessId);
  }

  signals.on("presence", (payload) => void read(Number(payload)).catch(report("read")));
  await refreshAll().catch(report("refresh"));
  const timer = setInterval(() => void refreshAll().catch(report("refresh")), PRESENCE_REFRESH_MS);
  timer.unref();

  const changed = (businessId: number, change: Promise<unknown>) =>
    void change.then(() => signals.send("presence", String(businessId))).catch(report("write"));

  return {
    enter(businessId, agent) {
      if (local.enter(businessId, agent)) changed(businessId, write(businessId));
    },
    leave(businessId, agentId) {
      if (local.leave(businessId, agentId)) {
        changed(businessId, redis.command.send("HDEL", [keyOf(businessId), field(agentId)]));
      }
    },
    online(businessId) {
      // An agent with inboxes on two instances is listed once; owners (negative ids, per socket) each.
      const seen = new Set<number>();
      return [...local.online(businessId), ...(elsewhere.get(businessId) ?? [])].filter(
        (agent) => agent.id < 0 || (!seen.has(agent.id) && Boolean(seen.add(agent.id))),
      );
    },
    isOnline(businessId, agentId) {
      if (local.open.get(businessId)?.has(agentId)) return true;
      return (elsewhere.get(businessId) ?? []).some((agent) => agent.id === agentId);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    /** This instance's inboxes are closing: the others see its agents go now, not after the lease. */
    async close() {
      clearInterval(timer);
      for (const [businessId, agents] of local.open) {
        const fields = [...agents.keys()].map(field);
        await redis.command.send("HDEL", [keyOf(businessId), ...fields]).catch(report("close"));
        await signals.send("presence", String(businessId));
      }
    },
  };
}
