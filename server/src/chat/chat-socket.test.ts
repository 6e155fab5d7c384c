import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Message, SessionList, Transcript } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import {
  handshakeStatus,
  isAssistant,
  isError,
  isHistory,
  isUserEcho,
  newSessionId,
  openSocket,
} from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;

const FAQ = SHOE_FAQ;

beforeAll(async () => {
  server = await startTestServer({ env: { SUPPORTAL_SESSION_RATE_PER_MINUTE: "6" } });
  admin = apiClient(server.url, server.adminToken);
  const business = await admin.createBusiness({
    name: "Shoe Shop",
    allowedOrigins: ["https://shop.example"],
  });
  businessId = business.id;
  const uploaded = await admin.uploadDocument(businessId, new TextEncoder().encode(FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

const chatUrl = (session: string, business = businessId) => `${server.wsUrl}/ws/chat/${business}/${session}`;
const ORIGIN = { origin: "https://shop.example" };

describe("chat socket", () => {
  test("history, echo, typing, deltas, then one cited answer", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    expect(await socket.next(isHistory)).toEqual({ type: "history", messages: [] });
    socket.send({ type: "user", message: "  How long do I have to return shoes?  " });
    const answer = await socket.next(isAssistant);
    const types = socket.frames
      .filter((f) => f.type !== "status")
      .map((f) => (f.type === "message" ? `message:${f.sender}` : f.type));
    expect(types[0]).toBe("history");
    expect(types[1]).toBe("message:user");
    expect(types[2]).toBe("typing");
    expect(types.slice(3, -1).every((t) => t === "delta")).toBe(true);
    expect(types.at(-1)).toBe("message:assistant");
    expect(socket.frames[1]).toEqual({
      type: "status",
      mode: "ai",
      agentsAvailable: false,
      handoffEnabled: true,
    });
    const echoed = socket.frames[2] as Message;
    expect(echoed.message).toBe("How long do I have to return shoes?");
    const deltas = socket.frames.filter((f) => f.type === "delta");
    expect(deltas.map((d) => d.delta).join("")).toBe(answer.message);
    expect(deltas.every((d) => d.id === answer.id)).toBe(true);
    expect(answer.message).toContain("thirty days");
    expect(answer.sources?.[0]).toMatchObject({ documentName: "faq.md", heading: "Returns" });
    expect(new Date(answer.timestamp).toISOString()).toBe(answer.timestamp);
    await socket.close();
  });

  test("a message without type is accepted, as django-supportal clients send it", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    socket.send({ message: "Do you ship to the European Union?" });
    const answer = await socket.next(isAssistant);
    expect(answer.message).toMatch(/European Union/);
    await socket.close();
  });

  test("two sockets of one session get the same frames; a reconnect gets the history", async () => {
    const session = newSessionId();
    const first = await openSocket(chatUrl(session), ORIGIN);
    const second = await openSocket(chatUrl(session), ORIGIN);
    await first.next(isHistory);
    await second.next(isHistory);
    first.send({ type: "user", message: "Which size should I order?" });
    const a = await first.next(isAssistant);
    const b = await second.next(isAssistant);
    expect(b).toEqual(a);
    expect(second.frames.some((f) => f.type === "message" && f.sender === "user")).toBe(true);
    await first.close();
    await second.close();
    const again = await openSocket(chatUrl(session), ORIGIN);
    const history = (await again.next(isHistory)) as { messages: Message[] };
    expect(history.messages.map((m) => m.sender)).toEqual(["user", "assistant"]);
    expect(history.messages[1]).toEqual(a);
    await again.close();

    const transcript = await admin.get(
      Transcript,
      "GET",
      `/api/businesses/${businessId}/sessions/${session}`,
    );
    expect(transcript.messages.map((m) => m.id)).toEqual(history.messages.map((m) => m.id));
    const list = await admin.get(SessionList, "GET", `/api/businesses/${businessId}/sessions`);
    expect(list.sessions.find((s) => s.id === session)?.messageCount).toBe(2);
  });

  test("an out-of-scope question is answered honestly, without sources", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    socket.send({ type: "user", message: "What is the capital of Mongolia?" });
    const answer = await socket.next(isAssistant);
    expect(answer.message).toMatch(/couldn't find/i);
    expect(answer.sources).toBeUndefined();
    await socket.close();
  });

  test("offline, a short follow-up borrows the previous question; a full one never does", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    socket.send({ type: "user", message: "Do you ship to the European Union?" });
    await socket.next(isAssistant);
    let before = socket.frames.length;
    socket.send({ type: "user", message: "And how quickly?" });
    const followUp = await socket.next(isAssistant, { from: before });
    expect(followUp.sources?.map((source) => source.heading)).toEqual(["Shipping"]);
    before = socket.frames.length;
    socket.send({ type: "user", message: "What is the capital city of Mongolia and its population?" });
    const unrelated = await socket.next(isAssistant, { from: before });
    expect(unrelated.message).toMatch(/couldn't find/i);
    expect(unrelated.message).not.toContain("European Union");
    await socket.close();
  });

  test("bad frames get error frames and the socket stays open", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    await socket.next(isHistory);
    const bad: Array<[string | Uint8Array, string]> = [
      ["not json", "invalid_message"],
      [JSON.stringify({ type: "user", message: "x".repeat(17 * 1024) }), "message_too_large"],
      [JSON.stringify({ type: "user", message: "   " }), "invalid_message"],
      [JSON.stringify({ type: "user", message: "x".repeat(4001) }), "invalid_message"],
      [JSON.stringify({ type: "user" }), "invalid_message"],
      [JSON.stringify({ type: "admin", message: "hi" }), "invalid_message"],
      [JSON.stringify([1, 2]), "invalid_message"],
      [JSON.stringify("hello"), "invalid_message"],
      [new Uint8Array([1, 2, 3]), "invalid_message"],
    ];
    for (const [raw, code] of bad) {
      const from = socket.frames.length;
      socket.sendRaw(raw);
      const frame = await socket.next(isError, { from });
      expect(frame).toMatchObject({ type: "error", code });
    }
    const from = socket.frames.length;
    socket.send({ type: "ping" });
    expect(await socket.next((f) => f.type === "pong", { from })).toEqual({ type: "pong" });
    expect(socket.isOpen).toBe(true);
    await socket.close();
  });

  test("an invalid user message names itself: its clientId comes back on the error frame", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    await socket.next(isHistory);
    const refusals: Array<[object, string | undefined]> = [
      [{ type: "user", message: "   ", clientId: "blank-1" }, "blank-1"],
      [{ type: "user", message: "x".repeat(4001), clientId: "long-2" }, "long-2"],
      [{ type: "user", message: 42, clientId: "number-3" }, "number-3"],
      [{ message: "", clientId: "untyped-4" }, "untyped-4"],
      // An id the contract does not allow is not echoed (1 to 64 characters).
      [{ type: "user", message: "", clientId: "x".repeat(65) }, undefined],
    ];
    for (const [frame, clientId] of refusals) {
      const from = socket.frames.length;
      socket.send(frame);
      const error = await socket.next(isError, { from });
      expect(error.code).toBe("invalid_message");
      expect(error.clientId).toBe(clientId);
    }
    // Nothing was stored or echoed for them.
    expect(socket.frames.some(isUserEcho)).toBe(false);
    await socket.close();
  });

  test("handshakes are checked before the upgrade", async () => {
    const good = newSessionId();
    expect(await handshakeStatus(chatUrl(good, 987654), ORIGIN_HEADER)).toBe(404);
    expect(await handshakeStatus(chatUrl("short"), ORIGIN_HEADER)).toBe(400);
    expect(await handshakeStatus(chatUrl("bad!chars$in/the-id0123456789"), ORIGIN_HEADER)).toBe(404);
    expect(await handshakeStatus(chatUrl("x".repeat(65)), ORIGIN_HEADER)).toBe(400);
    expect(await handshakeStatus(chatUrl(good), { Origin: "https://evil.example" })).toBe(403);
    expect(await handshakeStatus(chatUrl(good))).toBe(403);
    expect(await handshakeStatus(chatUrl(good), ORIGIN_HEADER)).toBe(101);
  });

  test("a session that sends too fast is rate limited with an error frame", async () => {
    const socket = await openSocket(chatUrl(newSessionId()), ORIGIN);
    // One question at a time, each answered before the next, so the queue never fills (that would
    // be `busy`): only the session's bucket of 6 a minute can refuse the seventh.
    for (let i = 0; i < 6; i++) {
      const from = socket.frames.length;
      socket.send({ type: "user", message: `Question number ${i} about shipping?` });
      await socket.next((f) => isAssistant(f) || isError(f), { from });
    }
    expect(socket.frames.filter(isError)).toEqual([]);
    const from = socket.frames.length;
    socket.send({ type: "user", message: "One question too many about shipping?" });
    expect(await socket.next(isError, { from })).toMatchObject({ code: "rate_limited" });
    expect(socket.isOpen).toBe(true);
    await socket.close();
  });

  test("a business's daily cap answers with daily_limit_reached", async () => {
    const capped = await admin.createBusiness({ name: "Capped", dailyMessageLimit: 1 });
    const socket = await openSocket(`${server.wsUrl}/ws/chat/${capped.id}/${newSessionId()}`);
    socket.send({ message: "first question here" });
    await socket.next(isAssistant);
    const from = socket.frames.length;
    socket.send({ message: "second question here" });
    expect(await socket.next(isError, { from })).toMatchObject({
      code: "daily_limit_reached",
    });
    await socket.close();
  });
});

const ORIGIN_HEADER = { Origin: "https://shop.example" };
