import type { ServerFrame } from "@supportal/shared";

/** What the hub needs of a socket. */
export interface HubSocket {
  send(text: string): void;
}

/**
 * Fans frames out to every socket of a session. In-process here; the Redis hub (redis-hub.ts) has
 * the same interface and lets several server processes share sessions.
 */
export interface SessionHub {
  join(sessionKey: string, socket: HubSocket): void;
  /** Returns how many sockets the session still has on this instance. */
  leave(sessionKey: string, socket: HubSocket): number;
  publish(sessionKey: string, frame: ServerFrame): void;
  /** Whether another instance still has a socket of the session (always false in one process). */
  heardElsewhere(sessionKey: string): Promise<boolean>;
  socketCount(sessionKey: string): number;
  /** Sessions whose key starts with `prefix` (a business's), e.g. to close them when it is deleted. */
  socketsWithPrefix(prefix: string): HubSocket[];
  /** The keys of the sessions with a socket open whose key starts with `prefix`. */
  keysWithPrefix(prefix: string): string[];
}

/** The in-process hub; `sendText` delivers an already encoded frame (one another instance sent). */
export function createMemoryHub(): SessionHub & { sendText(sessionKey: string, text: string): void } {
  const rooms = new Map<string, Set<HubSocket>>();
  const sendText = (key: string, text: string) => {
    const room = rooms.get(key);
    if (room) for (const socket of room) socket.send(text);
  };
  return {
    sendText,
    join(key, socket) {
      const room = rooms.get(key) ?? new Set();
      room.add(socket);
      rooms.set(key, room);
    },
    leave(key, socket) {
      const room = rooms.get(key);
      if (!room) return 0;
      room.delete(socket);
      if (room.size === 0) rooms.delete(key);
      return room.size;
    },
    publish(key, frame) {
      if (rooms.has(key)) sendText(key, JSON.stringify(frame));
    },
    heardElsewhere: async () => false,
    socketCount: (key) => rooms.get(key)?.size ?? 0,
    socketsWithPrefix(prefix) {
      const found: HubSocket[] = [];
      for (const [key, room] of rooms) if (key.startsWith(prefix)) found.push(...room);
      return found;
    },
    keysWithPrefix: (prefix) => [...rooms.keys()].filter((key) => key.startsWith(prefix)),
  };
}

export const sessionKey = (businessId: number, sessionId: string) => `${businessId}/${sessionId}`;
