import { REDIS_PREFIX, type RedisLink } from "./redis-link";

/** What one instance tells the others: an agent's inbox opened or closed, a business deleted. */
export type SignalKind = "presence" | "business-deleted";

/** Notices between the instances of one deployment; a single instance has nobody to tell. */
export interface DeploymentSignals {
  /** To every other instance (never back to this one); resolves once sent (or failed, logged). */
  send(kind: SignalKind, payload: string): Promise<void>;
  /** What the other instances send. */
  on(kind: SignalKind, listener: (payload: string) => void): void;
  close(): Promise<void>;
}

export function createLocalSignals(): DeploymentSignals {
  return { send: async () => undefined, on: () => undefined, close: async () => undefined };
}

const CHANNEL = `${REDIS_PREFIX}signals`;

/**
 * Signals through one Redis channel, on a subscriber connection of their own (the hub's subscribes
 * and unsubscribes sessions all the time). Each message is "<instance id> <kind> <payload>". A
 * notice sent while Redis is unreachable is lost: what depends on one (presence) is also refreshed
 * on a timer.
 */
export async function openRedisSignals(
  redis: Pick<RedisLink, "instanceId" | "command">,
): Promise<DeploymentSignals> {
  const subscriber = await redis.command.duplicate();
  const listeners = new Map<string, Array<(payload: string) => void>>();
  const onMessage = (message: string) => {
    const [from, kind] = message.split(" ", 2);
    if (from === redis.instanceId || !kind) return;
    const payload = message.slice(from!.length + kind.length + 2);
    for (const listener of listeners.get(kind) ?? []) listener(payload);
  };
  const subscribe = () =>
    subscriber.subscribe(CHANNEL, onMessage).catch((error: unknown) => {
      console.error("[supportal] redis signals subscription failed", error);
    });
  await subscribe();
  // Redis forgets a connection's subscriptions when it drops and the client does not renew them:
  // the listener is dropped (so it is not called twice) and subscribed again.
  subscriber.onconnect = () => {
    void subscriber
      .unsubscribe(CHANNEL)
      .catch(() => undefined)
      .then(subscribe);
  };
  return {
    async send(kind, payload) {
      await redis.command
        .publish(CHANNEL, `${redis.instanceId} ${kind} ${payload}`)
        .catch((error: unknown) => {
          console.error(`[supportal] redis signal ${kind} failed`, error);
        });
    },
    on(kind, listener) {
      listeners.set(kind, [...(listeners.get(kind) ?? []), listener]);
    },
    async close() {
      subscriber.onconnect = null;
      subscriber.close();
    },
  };
}
