import { describe, expect, test } from "bun:test";
import type { Message } from "@supportal/shared";
import type { Frame } from "./frames";
import { type Action, type ChatState, initialState, reduce } from "./model";

const message = (
  id: string,
  sender: Message["sender"],
  text: string,
  extra: Partial<Message> = {},
): Message => ({
  type: "message",
  id,
  sender,
  message: text,
  timestamp: "2025-01-01T00:00:00.000Z",
  ...extra,
});

const run = (actions: Action[], from: ChatState = initialState) => actions.reduce(reduce, from);
const frame = (f: Frame): Action => ({ type: "frame", frame: f });
const online = run([{ type: "open" }, frame({ type: "history", messages: [] })]);

describe("history frames", () => {
  test("replace the list and mark the chat online", () => {
    const before = run([frame(message("a", "assistant", "old"))], online);
    const after = reduce(before, frame({ type: "history", messages: [message("x", "user", "hi")] }));
    expect(after.messages.map((m) => m.id)).toEqual(["x"]);
    expect(after.connection).toBe("online");
  });

  test("drop a half-streamed draft and the typing indicator", () => {
    const streaming = run(
      [
        { type: "frame", frame: { type: "typing", sender: "assistant" } },
        frame({ type: "delta", id: "d", delta: "Hal" }),
      ],
      online,
    );
    const after = reduce(streaming, frame({ type: "history", messages: [] }));
    expect(after.messages).toEqual([]);
    expect(after.typing).toBe(false);
  });

  test("settle a sent message that the server stored while the echo was lost", () => {
    const sent = run(
      [
        { type: "send", text: "where is my order" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    const after = reduce(
      sent,
      frame({ type: "history", messages: [message("u1", "user", "where is my order")] }),
    );
    expect(after.pending).toEqual([]);
    expect(after.messages).toHaveLength(1);
  });

  test("queue a sent message again when the server never got it", () => {
    const sent = run(
      [
        { type: "send", text: "hello" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    const after = reduce(sent, frame({ type: "history", messages: [] }));
    expect(after.pending).toEqual([{ id: 1, text: "hello", state: "queued", clientId: "1" }]);
  });

  test("an old message with the same text does not count as the echo", () => {
    const shown = run([frame(message("u0", "user", "yes"))], online);
    const sent = run(
      [
        { type: "send", text: "yes" },
        { type: "sent", id: 1 },
      ],
      shown,
    );
    const after = reduce(sent, frame({ type: "history", messages: [message("u0", "user", "yes")] }));
    expect(after.pending).toEqual([{ id: 1, text: "yes", state: "queued", clientId: "1" }]);
  });

  test("keep messages that were never sent", () => {
    const queued = run([{ type: "send", text: "typed offline" }], { ...online, connection: "offline" });
    const after = reduce(queued, frame({ type: "history", messages: [] }));
    expect(after.pending).toEqual([{ id: 1, text: "typed offline", state: "queued", clientId: "1" }]);
  });
});

describe("message frames", () => {
  test("the echo of the visitor's message replaces its pending bubble", () => {
    const sent = run(
      [
        { type: "send", text: "  hi there \n" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    expect(sent.pending).toEqual([{ id: 1, text: "hi there", state: "sent", clientId: "1" }]);
    const after = reduce(sent, frame(message("u1", "user", "hi there")));
    expect(after.pending).toEqual([]);
    expect(after.messages.map((m) => m.message)).toEqual(["hi there"]);
  });

  test("a message typed in another tab is simply shown", () => {
    const sent = run(
      [
        { type: "send", text: "mine" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    const after = reduce(sent, frame(message("u9", "user", "from the other tab")));
    expect(after.pending).toHaveLength(1);
    expect(after.messages).toHaveLength(1);
  });

  test("a repeated frame is not shown twice", () => {
    const once = run([frame(message("a1", "assistant", "Hello"))], online);
    expect(reduce(once, frame(message("a1", "assistant", "Hello"))).messages).toHaveLength(1);
  });

  test("an answer ends the typing indicator", () => {
    const typing = run([frame({ type: "typing", sender: "assistant" })], online);
    expect(typing.typing).toBe(true);
    expect(reduce(typing, frame(message("a1", "assistant", "Hi"))).typing).toBe(false);
  });

  test("the visitor's own echo leaves the typing indicator alone", () => {
    const typing = run([frame({ type: "typing", sender: "assistant" })], online);
    expect(reduce(typing, frame(message("u1", "user", "Hi"))).typing).toBe(true);
  });
});

describe("delta frames", () => {
  test("stream into a draft that the final message replaces in place", () => {
    const streamed = run(
      [
        frame({ type: "typing", sender: "assistant" }),
        frame({ type: "delta", id: "a1", delta: "Hel" }),
        frame({ type: "delta", id: "a1", delta: "lo **wor" }),
      ],
      online,
    );
    expect(streamed.typing).toBe(false);
    expect(streamed.messages).toMatchObject([
      { id: "a1", sender: "assistant", message: "Hello **wor", streaming: true },
    ]);

    const sources = [{ documentId: 3, documentName: "FAQ.pdf", snippet: "..." }];
    const done = reduce(streamed, frame(message("a1", "assistant", "Hello **world**", { sources })));
    expect(done.messages).toEqual([message("a1", "assistant", "Hello **world**", { sources })]);
  });

  test("keep two answers apart by id", () => {
    const both = run(
      [frame({ type: "delta", id: "a", delta: "one" }), frame({ type: "delta", id: "b", delta: "two" })],
      online,
    );
    expect(both.messages.map((m) => m.message)).toEqual(["one", "two"]);
  });
});

describe("error frames", () => {
  test("fail the message waiting for its echo and show the code", () => {
    const sent = run(
      [
        { type: "send", text: "spam" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    const after = reduce(
      sent,
      frame({ type: "error", code: "rate_limited", message: "Slow down", clientId: "1" }),
    );
    expect(after.pending).toEqual([{ id: 1, text: "spam", state: "failed", clientId: "1" }]);
    expect(after.error).toBe("rate_limited");
    expect(after.typing).toBe(false);
  });

  test("retry queues the failed message again and clears the notice", () => {
    const failed = run(
      [
        { type: "send", text: "spam" },
        { type: "sent", id: 1 },
        frame({ type: "error", code: "rate_limited", message: "Slow down", clientId: "1" }),
        { type: "retry", id: 1 },
      ],
      online,
    );
    expect(failed.pending).toEqual([{ id: 1, text: "spam", state: "queued", clientId: "1" }]);
    expect(failed.error).toBeUndefined();
  });

  test("a failed message is not taken for a later echo", () => {
    const failed = run(
      [
        { type: "send", text: "x" },
        { type: "sent", id: 1 },
        frame({ type: "error", code: "busy", message: "", clientId: "1" }),
      ],
      online,
    );
    expect(reduce(failed, frame(message("u1", "user", "x"))).pending).toHaveLength(1);
  });

  test("errors are paired with messages by clientId, not by their order", () => {
    const sent = run(
      [
        { type: "send", text: "first", clientId: "tab-1" },
        { type: "send", text: "second", clientId: "tab-2" },
        { type: "sent", id: 1 },
        { type: "sent", id: 2 },
      ],
      online,
    );
    // The second is refused while the first is still waiting for its echo.
    const refused = reduce(
      sent,
      frame({ type: "error", code: "rate_limited", message: "", clientId: "tab-2" }),
    );
    expect(refused.pending.map((p) => [p.text, p.state])).toEqual([
      ["first", "sent"],
      ["second", "failed"],
    ]);
    // An error about no message (a bad frame, a model failure after the echo) fails none.
    const unrelated = reduce(sent, frame({ type: "error", code: "invalid_message", message: "" }));
    expect(unrelated.pending.map((p) => p.state)).toEqual(["sent", "sent"]);
  });

  test("an echo with another tab's clientId is not taken for this tab's message of the same text", () => {
    const sent = run(
      [
        { type: "send", text: "yes", clientId: "mine-1" },
        { type: "sent", id: 1 },
      ],
      online,
    );
    const theirs = reduce(sent, frame({ ...message("u9", "user", "yes"), clientId: "theirs-1" }));
    expect(theirs.pending).toHaveLength(1);
    const mine = reduce(theirs, frame({ ...message("u10", "user", "yes"), clientId: "mine-1" }));
    expect(mine.pending).toEqual([]);
  });

  test("an error without a waiting message only shows the notice", () => {
    const after = reduce(online, frame({ type: "error", code: "model_unavailable", message: "down" }));
    expect(after.pending).toEqual([]);
    expect(after.error).toBe("model_unavailable");
  });
});

describe("unread count", () => {
  const closed = { ...online, open: false };

  test("counts answers that arrive while the panel is closed, once each", () => {
    const after = run(
      [
        frame({ type: "delta", id: "a1", delta: "Hi" }),
        frame(message("a1", "assistant", "Hi there")),
        frame(message("a1", "assistant", "Hi there")),
        frame(message("s1", "system", "An agent joined")),
        frame(message("u1", "user", "from another tab")),
      ],
      closed,
    );
    expect(after.unread).toBe(2);
  });

  test("ignores history and resets when the panel opens", () => {
    const unread = run(
      [
        frame({ type: "history", messages: [message("a", "assistant", "x")] }),
        frame(message("b", "agent", "y")),
      ],
      closed,
    );
    expect(unread.unread).toBe(1);
    expect(reduce(unread, { type: "open" }).unread).toBe(0);
  });

  test("stays zero while the panel is open", () => {
    expect(run([frame(message("a1", "assistant", "Hi"))], online).unread).toBe(0);
  });
});

describe("pending messages", () => {
  test("blank messages are ignored", () => {
    expect(reduce(online, { type: "send", text: " \n\t" })).toBe(online);
  });

  test("get increasing ids and start queued", () => {
    const state = run(
      [
        { type: "send", text: "a" },
        { type: "send", text: "b" },
      ],
      online,
    );
    expect(state.pending).toEqual([
      { id: 1, text: "a", state: "queued", clientId: "1" },
      { id: 2, text: "b", state: "queued", clientId: "2" },
    ]);
  });

  test("reset starts an empty conversation but keeps the panel open and ids unique", () => {
    const busy = run([{ type: "send", text: "a" }, frame(message("x", "assistant", "y"))], online);
    const fresh = reduce(busy, { type: "reset" });
    expect(fresh).toMatchObject({ open: true, messages: [], pending: [], connection: "idle", nextId: 2 });
  });

  test("connection changes are recorded", () => {
    expect(reduce(online, { type: "connection", connection: "offline" }).connection).toBe("offline");
  });

  test("pong frames change nothing", () => {
    expect(reduce(online, frame({ type: "pong" }))).toBe(online);
  });
});
