import { beforeEach, describe, expect, test } from "bun:test";
import type { Message } from "@supportal/shared";
import { createChat, socketUrl } from "./chat";
import { sessionKey } from "./session";
import { FakeSocket } from "./testing/fake-socket";

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

const answer: Message = {
  type: "message",
  id: "a1",
  sender: "assistant",
  message: "Hello",
  timestamp: "2025-01-01T00:00:00.000Z",
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(refused = false) {
  const storage = new MemoryStorage();
  let refusalChecks = 0;
  let storageAsked = 0;
  const chat = createChat({
    server: "https://support.example.com/",
    business: 42,
    storage: () => {
      storageAsked++;
      return storage as unknown as Storage;
    },
    transport: { createSocket: FakeSocket.create, baseDelay: 1, random: () => 0 },
    refused: async () => {
      refusalChecks++;
      return refused;
    },
  });
  return { chat, storage, storageAsked: () => storageAsked, refusalChecks: () => refusalChecks };
}

beforeEach(() => {
  FakeSocket.created = [];
});

describe("createChat", () => {
  test("touches neither storage nor the network before the visitor opens it", () => {
    const { chat, storageAsked } = setup();
    chat.send("typed through the API before opening");
    chat.close();
    expect(storageAsked()).toBe(0);
    expect(FakeSocket.created).toHaveLength(0);
  });

  test("opening connects to /ws/chat/:business/:session with the stored session", () => {
    const { chat, storage } = setup();
    storage.items.set(sessionKey(42), "stored_session_id_1234");
    chat.open();
    expect(FakeSocket.last().url).toBe("wss://support.example.com/ws/chat/42/stored_session_id_1234");
    expect(chat.store.get().connection).toBe("connecting");
    chat.close();
    chat.open();
    expect(FakeSocket.created).toHaveLength(1);
  });

  test("messages wait for the history frame, then go out once", () => {
    const { chat } = setup();
    chat.open();
    chat.send("first");
    const socket = FakeSocket.last();
    socket.accept();
    expect(socket.sent).toEqual([]);
    socket.receive({ type: "history", messages: [] });
    const [first] = chat.store.get().pending;
    expect(socket.frames()).toEqual([{ type: "user", message: "first", clientId: first!.clientId }]);
    chat.send("second");
    expect(socket.frames().map((f) => (f as { message: string }).message)).toEqual(["first", "second"]);
    // Each message has its own clientId, unique to this tab, so echoes and errors find it.
    const ids = chat.store.get().pending.map((p) => p.clientId);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toMatch(/^0\.[a-z0-9]+1$/);
    expect(chat.store.get().pending.map((p) => p.state)).toEqual(["sent", "sent"]);
  });

  test("a message typed while offline is sent after the reconnect and its history", async () => {
    const { chat } = setup();
    chat.open();
    FakeSocket.last().accept();
    FakeSocket.last().receive({ type: "history", messages: [] });
    FakeSocket.last().drop();
    expect(chat.store.get().connection).toBe("offline");
    chat.send("are you there?");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = FakeSocket.last();
    expect(FakeSocket.created).toHaveLength(2);
    second.accept();
    expect(second.sent).toEqual([]);
    second.receive({ type: "history", messages: [answer] });
    expect(second.frames()).toEqual([
      { type: "user", message: "are you there?", clientId: chat.store.get().pending[0]!.clientId },
    ]);
    expect(chat.store.get()).toMatchObject({ connection: "online", messages: [answer] });
  });

  test("a socket refused for good (site not allowed, no such business) stops retrying and says so", async () => {
    const { chat, refusalChecks } = setup(true);
    chat.open();
    FakeSocket.last().drop();
    await flush();
    expect(refusalChecks()).toBe(1);
    expect(chat.store.get().connection).toBe("unavailable");
    const created = FakeSocket.created.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(FakeSocket.created).toHaveLength(created);
  });

  test("a socket that fails for any other reason keeps retrying", async () => {
    const { chat, refusalChecks } = setup(false);
    chat.open();
    FakeSocket.last().drop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refusalChecks()).toBeGreaterThan(0);
    expect(FakeSocket.created.length).toBeGreaterThan(1);
    expect(chat.store.get().connection).not.toBe("unavailable");
    chat.reset();
  });

  test("emits open, close and message events; listeners can unsubscribe", async () => {
    const { chat } = setup();
    const seen: string[] = [];
    chat.on("open", () => seen.push("open"));
    chat.on("close", () => seen.push("close"));
    const off = chat.on("message", (message) => seen.push(`message:${message.id}`));
    chat.open();
    chat.open();
    FakeSocket.last().accept();
    FakeSocket.last().receive({ type: "history", messages: [answer] });
    FakeSocket.last().receive({ type: "delta", id: "a2", delta: "x" });
    FakeSocket.last().receive({ ...answer, id: "a2" });
    chat.toggle();
    await flush();
    off();
    chat.toggle();
    FakeSocket.last().receive({ ...answer, id: "a3" });
    await flush();
    expect(seen).toEqual(["open", "message:a2", "close", "open"]);
  });

  test("listeners run after the widget has updated, outside its own call stack", async () => {
    const { chat } = setup();
    const seen: boolean[] = [];
    chat.on("open", () => seen.push(chat.store.get().open));
    chat.open();
    expect(seen).toEqual([]);
    await flush();
    expect(seen).toEqual([true]);
  });

  test("a new conversation gets a new random session id, stored for the next visit", () => {
    const { chat, storage } = setup();
    chat.open();
    const first = FakeSocket.last();
    first.accept();
    first.receive({ type: "history", messages: [answer] });
    chat.reset();
    expect(first.closed).toBe(true);
    const stored = storage.items.get(sessionKey(42))!;
    expect(FakeSocket.last().url).toBe(`wss://support.example.com/ws/chat/42/${stored}`);
    expect(FakeSocket.last().url).not.toBe(first.url);
    expect(chat.store.get()).toMatchObject({ open: true, messages: [], connection: "connecting" });
  });

  test("socket URLs follow the server's scheme and path", () => {
    expect(socketUrl("http://localhost:3000/", 1, "s")).toBe("ws://localhost:3000/ws/chat/1/s");
    expect(socketUrl("https://example.com/support/", 2, "s")).toBe("wss://example.com/support/ws/chat/2/s");
    expect(socketUrl("http://localhost:3000/", 1, "s", "de")).toBe("ws://localhost:3000/ws/chat/1/s?lang=de");
  });
});
