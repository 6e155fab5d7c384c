import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Document, Insights, type Message, type ServerFrame } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { handshakeStatus, newSessionId, openSocket } from "../testing/ws-client";

// What the offline chat says besides answers: requests for a person, other languages, follow-ups.
let server: TestServer;
let businessId: number;

const isAssistant = (f: ServerFrame): f is Message => f.type === "message" && f.sender === "assistant";

beforeAll(async () => {
  server = await startTestServer();
  const admin = apiClient(server.url, server.adminToken);
  // Handoff off: a request for a person gets the assistant's pointer to the business's support (inbox/handoff.test.ts covers it on).
  businessId = (await admin.createBusiness({ name: "Shoe Shop", handoffEnabled: false })).id;
  const uploaded = (await (
    await admin.upload(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md")
  ).json()) as Document;
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
});
afterAll(() => server.stop({ removeData: true }));

const chatUrl = (query = "") => `${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}${query}`;

async function ask(messages: (string | Record<string, unknown>)[], query = ""): Promise<Message[]> {
  const socket = await openSocket(chatUrl(query));
  await socket.next((f) => f.type === "history");
  const answers: Message[] = [];
  for (const message of messages) {
    const from = socket.frames.length;
    socket.send(typeof message === "string" ? { type: "user", message } : { type: "user", ...message });
    answers.push((await socket.next(isAssistant, { from })) as Message);
  }
  await socket.close();
  return answers;
}

describe("a request for a person", () => {
  test("is never answered from the documents, even right after a question they answer", async () => {
    const [, handoff] = await ask(["How long do I have to return shoes?", "can I talk to a real person"]);
    expect(handoff!.message).toMatch(/talk to a person/);
    expect(handoff!.message).toMatch(/support team/);
    expect(handoff!.message).not.toMatch(/thirty days|refund/i);
    expect(handoff!.sources ?? []).toEqual([]);
  });

  test("is answered in the visitor's language", async () => {
    const [german, french, spanish] = await ask([
      "ich möchte mit einem Menschen sprechen",
      "je veux parler à quelqu'un",
      "quiero hablar con una persona",
    ]);
    expect(german!.message).toMatch(/Mitarbeiter/);
    expect(french!.message).toMatch(/parler à une personne/);
    expect(spanish!.message).toMatch(/hablar con una persona/);
  });
});

describe("other languages", () => {
  test("a question in another language than the documents is refused in its own language, saying why", async () => {
    const [answer] = await ask(["Wie lange dauert der Versand nach Österreich?"]);
    expect(answer!.message).toMatch(/^Das konnte ich leider nicht finden/);
    expect(answer!.message).toMatch(/auf Englisch/);
  });

  test("the widget's language decides when the message does not show one", async () => {
    const [byHandshake] = await ask(["xyzzy?"], "?lang=fr-CA");
    expect(byHandshake!.message).toMatch(/^Désolé/);
    const [byFrame] = await ask([{ message: "xyzzy?", lang: "es" }], "?lang=fr");
    expect(byFrame!.message).toMatch(/^Lo siento/);
    // The message's own language wins over the widget's.
    const [english] = await ask(["What is the capital of Mongolia?"], "?lang=de");
    expect(english!.message).toMatch(/^I'm sorry/);
  });

  test("a malformed language tag is refused: at the handshake with 400, in a frame with an error frame", async () => {
    expect(await handshakeStatus(chatUrl("?lang=not%20a%20tag"))).toBe(400);
    const socket = await openSocket(chatUrl());
    await socket.next((f) => f.type === "history");
    socket.send({ type: "user", message: "hello", lang: "<script>" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({ code: "invalid_message" });
    expect(socket.isOpen).toBe(true);
    await socket.close();
  });
});

describe("offline follow-ups", () => {
  test("a short new question does not borrow the previous topic; one that refers back does", async () => {
    const [, unrelated] = await ask(["Do you ship to the European Union?", "Do you sell tea?"]);
    const [, followUp] = await ask(["Do you ship to the European Union?", "and how quickly?"]);
    expect(unrelated!.message).toMatch(/couldn't find/);
    expect(unrelated!.message).not.toContain("European Union");
    expect(followUp!.sources?.map((source) => source.heading)).toEqual(["Shipping"]);
  });
});

describe("small talk", () => {
  test("a greeting or a thanks is answered in kind, not searched, and is no knowledge gap", async () => {
    const [hello, thanks, hallo, gap] = await ask(["hi!", "thanks a lot", "Hallo", "xyzzy plugh?"]);
    expect(hello!.message).toMatch(/^Hello! I'm Shoe Shop's assistant/);
    expect(hello!.sources ?? []).toEqual([]);
    expect(thanks!.message).toMatch(/^You're welcome/);
    expect(hallo!.message).toMatch(/^Hallo! Ich bin der Assistent von Shoe Shop/);
    expect(gap!.message).toMatch(/^I'm sorry/);
    const response = await fetch(`${server.url}/api/businesses/${businessId}/insights`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const gaps = Insights.parse(await response.json()).knowledgeGaps.map((g) => g.question);
    expect(gaps).toContain("xyzzy plugh?");
    expect(gaps.some((q) => /^(hi!|thanks a lot|Hallo)$/.test(q))).toBe(false);
  });

  test('"hi" is answered in the widget\'s language; a question that opens with one is a question', async () => {
    const [hi] = await ask(["hi"], "?lang=fr");
    expect(hi!.message).toMatch(/^Bonjour ! Je suis l'assistant de Shoe Shop/);
    const [question] = await ask(["hi, how long do I have to return shoes?"]);
    expect(question!.message).not.toMatch(/^Hello!/);
    expect(question!.sources?.length).toBeGreaterThan(0);
  });
});
