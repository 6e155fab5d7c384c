import type { OnlineAgent } from "@supportal/shared";

/**
 * Which agents have the inbox open, per business: "agents online" for availability and the inbox's
 * list. Read synchronously (availability is part of every status frame); with several instances it is
 * a copy kept current by their notices (redis-presence.ts).
 */
export interface Presence {
  /** Counts one open inbox of the agent (an agent may have several tabs). */
  enter(businessId: number, agent: OnlineAgent): void;
  leave(businessId: number, agentId: number): void;
  online(businessId: number): OnlineAgent[];
  isOnline(businessId: number, agentId: number): boolean;
  /** Agents came or went on another instance. */
  onChange(listener: (businessId: number) => void): void;
}

/** One instance's own open inboxes: per business, each agent's name and count of open inboxes. */
export function createLocalPresence() {
  const open = new Map<number, Map<number, { name: string; count: number }>>();
  return {
    open,
    /** True when the agent was not online here before. */
    enter(businessId: number, agent: OnlineAgent): boolean {
      const agentsOpen = open.get(businessId) ?? new Map<number, { name: string; count: number }>();
      const entry = agentsOpen.get(agent.id);
      agentsOpen.set(agent.id, { name: agent.name, count: (entry?.count ?? 0) + 1 });
      open.set(businessId, agentsOpen);
      return !entry;
    },
    /** True when the agent's last inbox here closed. */
    leave(businessId: number, agentId: number): boolean {
      const agentsOpen = open.get(businessId);
      const entry = agentsOpen?.get(agentId);
      if (!agentsOpen || !entry) return false;
      if (entry.count > 1) {
        entry.count--;
        return false;
      }
      agentsOpen.delete(agentId);
      if (agentsOpen.size === 0) open.delete(businessId);
      return true;
    },
    online: (businessId: number): OnlineAgent[] =>
      [...(open.get(businessId) ?? [])].map(([id, entry]) => ({ id, name: entry.name })),
  };
}

export function createMemoryPresence(): Presence {
  const local = createLocalPresence();
  return {
    enter: (businessId, agent) => void local.enter(businessId, agent),
    leave: (businessId, agentId) => void local.leave(businessId, agentId),
    online: local.online,
    isOnline: (businessId, agentId) => local.open.get(businessId)?.has(agentId) ?? false,
    onChange: () => undefined,
  };
}
