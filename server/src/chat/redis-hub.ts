import type { ServerFrame } from "@supportal/shared";
import { REDIS_PREFIX, type RedisLink } from "../redis/redis-link";
import { createMemoryHub, type SessionHub } from "./session-hub";

const channelOf = (sessionKey: string) => `${REDIS_PREFIX}session:${sessionKey}`;
const keyOf = (channel: string) => channel.slice(`${REDIS_PREFIX}session:`.length);

/**
 * The session hub across instances: frames go to this instance's sockets at once and to the others
 * through Redis pub/sub. An instance subscribes to a session's channel only while it holds a socket
 * of it, and unsubscribes when the last one goes, so no instance receives (and buffers) the frames
 * of sessions it does not serve.
 */
export function createRedisHub(redis: Pick<RedisLink, "instanceId" | "command" | "subscriber">): SessionHub {
  const local = createMemoryHub();
  // Each message is "<instance id> <frame>": an instance skips its own, already delivered.
  const origin = `${redis.instanceId} `;
  const onMessage = (message: string, channel: string) => {
    if (!message.startsWith(origin)) local.sendText(keyOf(channel), message.slice(message.indexOf(" ") + 1));
  };
  const report = (what: string) => (error: unknown) =>
    console.error(`[supportal] redis ${what} failed`, error);
  // Sessions whose subscription Redis has confirmed, and each session's pending change: changes of one
  // session run one after another and end in the state its sockets ask for (join and leave may
  // come faster than Redis answers).
  const subscribed = new Set<string>();
  const changing = new Map<string, Promise<void>>();
  let publishFailing = false;
  const follow = (key: string) => {
    const change = (changing.get(key) ?? Promise.resolve())
      .then(async () => {
        const wanted = local.socketCount(key) > 0;
        if (wanted && !subscribed.has(key)) {
          await redis.subscriber.subscribe(channelOf(key), onMessage);
          subscribed.add(key);
        } else if (!wanted && subscribed.has(key)) {
          await redis.subscriber.unsubscribe(channelOf(key));
          subscribed.delete(key);
        }
      })
      .catch(report("subscription change"));
    changing.set(key, change);
    void change.finally(() => changing.get(key) === change && changing.delete(key));
  };

  // A reconnected subscriber connection has lost its subscriptions (Redis forgets them with the
  // connection; the client does not send them again), and a subscription tried during the outage
  // failed: every session with a socket here is subscribed again.
  redis.subscriber.onconnect = () => {
    for (const key of new Set([...subscribed, ...local.keysWithPrefix("")])) {
      const again = (changing.get(key) ?? Promise.resolve())
        .then(async () => {
          if (subscribed.has(key)) await redis.subscriber.unsubscribe(channelOf(key));
        })
        .catch(report("resubscription"))
        .finally(() => {
          subscribed.delete(key);
          follow(key);
        });
      changing.set(key, again);
    }
  };

  return {
    join(key, socket) {
      local.join(key, socket);
      if (local.socketCount(key) === 1) follow(key);
    },
    leave(key, socket) {
      const left = local.leave(key, socket);
      if (left === 0) follow(key);
      return left;
    },
    publish(key, frame: ServerFrame) {
      const text = JSON.stringify(frame);
      local.sendText(key, text);
      redis.command.publish(channelOf(key), origin + text).then(
        () => (publishFailing = false),
        (error: unknown) => {
          // Once per outage, not once per frame of every answer streaming meanwhile.
          if (!publishFailing) report("publish")(error);
          publishFailing = true;
        },
      );
    },
    async heardElsewhere(key) {
      await changing.get(key);
      // Subscribers of the channel are instances with a socket of the session; this one has none now.
      const counts = (await redis.command.send("PUBSUB", ["NUMSUB", channelOf(key)])) as [string, number];
      return Number(counts[1]) > 0;
    },
    socketCount: local.socketCount,
    socketsWithPrefix: local.socketsWithPrefix,
    keysWithPrefix: local.keysWithPrefix,
  };
}
