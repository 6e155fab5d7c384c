/**
 * Which agents have the inbox open, per business: "agents online" for availability. In-process, like
 * the session hub; several server processes would share it through the same store as the hub.
 */
export interface Presence {
  /** Counts one open inbox of the agent (an agent may have several tabs). */
  enter(businessId: number, agentId: number): void;
  leave(businessId: number, agentId: number): void;
  online(businessId: number): number[];
  isOnline(businessId: number, agentId: number): boolean;
}

export function createMemoryPresence(): Presence {
  const open = new Map<number, Map<number, number>>();
  return {
    enter(businessId, agentId) {
      const agentsOpen = open.get(businessId) ?? new Map<number, number>();
      agentsOpen.set(agentId, (agentsOpen.get(agentId) ?? 0) + 1);
      open.set(businessId, agentsOpen);
    },
    leave(businessId, agentId) {
      const agentsOpen = open.get(businessId);
      const count = agentsOpen?.get(agentId) ?? 0;
      if (!agentsOpen || count === 0) return;
      if (count > 1) agentsOpen.set(agentId, count - 1);
      else agentsOpen.delete(agentId);
      if (agentsOpen.size === 0) open.delete(businessId);
    },
    online: (businessId) => [...(open.get(businessId)?.keys() ?? [])],
    isOnline: (businessId, agentId) => (open.get(businessId)?.get(agentId) ?? 0) > 0,
  };
}
