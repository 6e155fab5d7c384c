import { describe, expect, test } from "bun:test";
import type { Message, SessionSummary } from "@supportal/shared";
import { inboxReducer, initialInbox, matches, sortedSessions } from "./inbox-model";

const session = (id: string, extra: Partial<SessionSummary> = {}): SessionSummary => ({
  id,
  createdAt: "2026-01-01T10:00:00.000Z",
  lastMessageAt: "2026-01-01T10:00:00.000Z",
  messageCount: 1,
  mode: "ai",
  ...extra,
});
const message = (id: string, at: string, sender: Message["sender"] = "user"): Message => ({
  type: "message",
  id,
  sender,
  message: `text ${id}`,
  timestamp: at,
});

const ready = inboxReducer(initialInbox, {
  type: "frame",
  at: 0,
  frame: {
    type: "ready",
    agent: { id: 1, name: "Anna" },
    sessions: [session("a"), session("b", { mode: "waiting" })],
    online: [{ id: 1, name: "Anna" }],
  },
});

describe("inbox model", () => {
  test("customer messages count as unread until the conversation is opened; open ones do not", () => {
    let state = inboxReducer(ready, { type: "opened", sessionId: "a" });
    for (const [id, sessionId] of [
      ["m1", "b"],
      ["m2", "b"],
      ["m3", "a"],
    ] as const) {
      state = inboxReducer(state, {
        type: "frame",
        at: 1,
        frame: { type: "message", sessionId, message: message(id, "2026-01-01T10:01:00.000Z") },
      });
    }
    expect(state.unread).toEqual({ b: 2 });
    state = inboxReducer(state, { type: "opened", sessionId: "b" });
    expect(state.unread).toEqual({});
  });

  test("a transcript and live frames merge in time order, each message once", () => {
    let state = inboxReducer(ready, {
      type: "transcript",
      sessionId: "a",
      messages: [message("m1", "2026-01-01T10:00:00.000Z"), message("m2", "2026-01-01T10:02:00.000Z")],
    });
    state = inboxReducer(state, {
      type: "frame",
      at: 1,
      frame: { type: "message", sessionId: "a", message: message("m2", "2026-01-01T10:02:00.000Z") },
    });
    state = inboxReducer(state, {
      type: "frame",
      at: 1,
      frame: { type: "message", sessionId: "a", message: message("m0", "2026-01-01T09:59:00.000Z") },
    });
    expect(state.messages.a?.map((m) => m.id)).toEqual(["m0", "m1", "m2"]);
  });

  test("a pushed session replaces its old summary; waiting conversations sort first", () => {
    const state = inboxReducer(ready, {
      type: "frame",
      at: 1,
      frame: { type: "session", session: session("a", { mode: "human", agentName: "Anna" }) },
    });
    expect(state.sessions).toHaveLength(2);
    expect(sortedSessions(state.sessions).map((s) => s.id)).toEqual(["b", "a"]);
    expect(state.sessions.filter((s) => matches(s, "mine", "Anna")).map((s) => s.id)).toEqual(["a"]);
    expect(state.sessions.filter((s) => matches(s, "mine", "Ben"))).toEqual([]);
    expect(state.sessions.filter((s) => matches(s, "waiting", null)).map((s) => s.id)).toEqual(["b"]);
  });

  test("the filters for gaps and contacts", () => {
    const gap = session("g", { unanswered: true });
    const left = session("c", { contact: { email: "a@example.com", at: "2026-01-01T10:00:00.000Z" } });
    expect(matches(gap, "unanswered", null)).toBe(true);
    expect(matches(left, "unanswered", null)).toBe(false);
    expect(matches(left, "contact", null)).toBe(true);
    expect(matches(gap, "contact", null)).toBe(false);
  });
});
