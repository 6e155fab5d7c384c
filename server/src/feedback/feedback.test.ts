import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Insights, type Message, ReviewQueue } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { isAssistant, isError, newSessionId, openSocket, type TestSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop", handoffEnabled: false })).id;
  const doc = await admin.uploadDocument(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md");
  expect((await admin.waitForDocument(businessId, doc.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

async function chat(sessionId = newSessionId()) {
  const socket = await openSocket(`${server.wsUrl}/ws/chat/${businessId}/${sessionId}`);
  await socket.next((f) => f.type === "history");
  return socket;
}

async function ask(socket: TestSocket, message: string): Promise<Message> {
  const from = socket.frames.length;
  socket.send({ type: "user", message });
  return socket.next(isAssistant, { from });
}

const review = () => admin.get(ReviewQueue, "GET", `/api/businesses/${businessId}/review`);
const insights = () => admin.get(Insights, "GET", `/api/businesses/${businessId}/insights`);

describe("feedback on answers", () => {
  test("a 👎 with a comment puts the answer in the review queue; a later 👍 replaces it", async () => {
    const socket = await chat();
    const answer = await ask(socket, "How long does delivery take?");
    socket.send({
      type: "feedback",
      messageId: answer.id,
      rating: "down",
      comment: "  I asked about Norway  ",
    });
    let item: ReviewQueue["items"][number] | undefined;
    for (let i = 0; i < 50 && !item; i++) {
      // The answer is in the queue as unanswered already; wait for the rating to reach it.
      item = (await review()).items.find(
        (it) => it.questions.some((q) => q.messageId === answer.id) && it.reasons.includes("down"),
      );
      if (!item) await Bun.sleep(20);
    }
    expect(item).toMatchObject({
      answer: answer.message,
      reasons: ["down"],
      questions: [
        { question: "How long does delivery take?", reason: "down", comment: "I asked about Norway" },
      ],
    });
    expect(item!.sources.length).toBeGreaterThan(0);
    expect((await insights()).feedback).toMatchObject({
      up: 0,
      down: 1,
      perDocument: [{ documentName: "faq.md", down: 1 }],
    });

    socket.send({ type: "feedback", messageId: answer.id, rating: "up" });
    for (let i = 0; i < 50 && (await insights()).feedback?.up !== 1; i++) await Bun.sleep(20);
    expect((await insights()).feedback).toMatchObject({ up: 1, down: 0 });
    expect((await review()).items.some((it) => it.questions.some((q) => q.messageId === answer.id))).toBe(
      false,
    );
    await socket.close();
  });

  test("a rating of an answer of another session, a customer message or nothing is refused; the socket stays open", async () => {
    const first = await chat();
    const theirs = await ask(first, "What sizes do your shoes run?");
    await first.close();
    const socket = await chat();
    const mine = await ask(socket, "Do you ship to Spain?");
    const echo = socket.frames.find((f) => f.type === "message" && f.sender === "user") as Message;
    const bad = [
      { type: "feedback", messageId: theirs.id, rating: "down" },
      { type: "feedback", messageId: echo.id, rating: "down" },
      { type: "feedback", messageId: "nope", rating: "up" },
      { type: "feedback", messageId: mine.id, rating: "meh" },
      { type: "feedback", messageId: mine.id },
      { type: "feedback", messageId: "", rating: "up" },
      { type: "feedback", messageId: mine.id, rating: "down", comment: "x".repeat(1001) },
    ];
    for (const frame of bad) {
      const from = socket.frames.length;
      socket.send(frame);
      const error = await socket.next(isError, { from });
      expect(["not_found", "invalid_message"]).toContain(error.code);
    }
    expect(socket.isOpen).toBe(true);
    expect((await ask(socket, "How long do I have to return shoes?")).message).toMatch(/thirty days/);
    await socket.close();
  });
});

describe("the review queue", () => {
  test("the same unanswered question in other words is one item; dismissing removes it", async () => {
    for (const question of [
      "Do you sell gift cards?",
      "do you sell any gift cards",
      "Can I buy a gift card from you?",
    ]) {
      const socket = await chat();
      await ask(socket, question);
      await socket.close();
    }
    const items = (await review()).items.filter((it) =>
      it.questions.some((q) => /gift card/i.test(q.question)),
    );
    expect(items.length).toBe(1);
    expect(items[0]!.questions.length).toBe(3);
    expect(items[0]!.reasons).toEqual(["unanswered"]);
    const response = await admin.call("POST", `/api/businesses/${businessId}/review/dismiss`, {
      messageIds: items[0]!.questions.map((q) => q.messageId),
    });
    expect(response.status).toBe(204);
    expect((await review()).items.some((it) => it.questions.some((q) => /gift card/i.test(q.question)))).toBe(
      false,
    );
    expect(
      (await admin.call("POST", `/api/businesses/${businessId}/review/dismiss`, { messageIds: [] })).status,
    ).toBe(400);
    expect((await admin.call("GET", `/api/businesses/${businessId}/review?days=0`)).status).toBe(400);
  });

  test("the owner's Try it conversations are tests: out of the queue, gaps and insights", async () => {
    const sessionId = newSessionId();
    expect((await admin.call("PUT", `/api/businesses/${businessId}/sessions/${sessionId}/test`)).status).toBe(
      204,
    );
    expect((await admin.call("PUT", `/api/businesses/${businessId}/sessions/bad id/test`)).status).toBe(400);
    const before = await insights();
    const socket = await chat(sessionId);
    const answer = await ask(socket, "Do you repair broken heels?");
    socket.send({ type: "feedback", messageId: answer.id, rating: "down" });
    await Bun.sleep(100);
    await socket.close();
    const after = await insights();
    expect(after.knowledgeGaps.some((gap) => /heels/.test(gap.question))).toBe(false);
    expect(after.messagesPerDay).toEqual(before.messagesPerDay);
    expect(after.feedback).toEqual(before.feedback);
    expect(after.testSessions).toBe(1);
    expect((await review()).items.some((it) => it.questions.some((q) => /heels/.test(q.question)))).toBe(
      false,
    );
  });
});
