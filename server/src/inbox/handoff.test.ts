import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  AgentServerFrame,
  AgentWithToken,
  type Document,
  type Message,
  type ServerFrame,
  SessionList,
  StatusFrame,
  Transcript,
  TranscriptExport,
} from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/test-server";
import { handshakeStatus, newSessionId, openSocket, type TestSocket } from "../testing/ws-client";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
let businessId: number;
let otherBusinessId: number;
const received: { event: string; body: Record<string, unknown> }[] = [];
let receiver: ReturnType<typeof Bun.serve>;

const isStatus = (f: ServerFrame) => f.type === "status";
const isMessage = (sender: Message["sender"]) => (f: ServerFrame) =>
  f.type === "message" && f.sender === sender;

async function createAgent(name: string, business = businessId) {
  const response = await admin.call("POST", `/api/businesses/${business}/agents`, { name });
  return AgentWithToken.parse(await response.json());
}

/** An agent's inbox socket: every frame parsed with the shared schema. */
async function openInbox(token: string, business = businessId, name?: string) {
  const socket = await openSocket(`${server.wsUrl}/ws/agent/${business}`);
  socket.send({ type: "auth", token, ...(name ? { name } : {}) });
  return socket;
}
const nextAgent = async (socket: TestSocket, match: (f: AgentServerFrame) => boolean, from = 0) =>
  AgentServerFrame.parse(await socket.next((f) => match(AgentServerFrame.parse(f)), { from }));

async function visitor(lang?: string) {
  const session = newSessionId();
  const socket = await openSocket(
    `${server.wsUrl}/ws/chat/${businessId}/${session}${lang ? `?lang=${lang}` : ""}`,
  );
  await socket.next(isStatus);
  return { session, socket };
}

beforeAll(async () => {
  receiver = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      received.push({ event: request.headers.get("x-supportal-event") ?? "", body: await request.json() });
      return new Response("ok");
    },
  });
  server = await startTestServer({
    env: { SUPPORTAL_WEBHOOK_ALLOW_PRIVATE: "1", SUPPORTAL_SESSION_RATE_PER_MINUTE: "600" },
  });
  admin = apiClient(server.url, server.adminToken);
  businessId = (await admin.createBusiness({ name: "Shoe Shop" })).id;
  otherBusinessId = (await admin.createBusiness({ name: "Other" })).id;
  const uploaded = (await (
    await admin.upload(businessId, new TextEncoder().encode(SHOE_FAQ), "faq.md")
  ).json()) as Document;
  expect((await admin.waitForDocument(businessId, uploaded.id)).status).toBe("ready");
  const hook = await admin.call("POST", `/api/businesses/${businessId}/webhooks`, {
    url: `http://127.0.0.1:${receiver.port}/in`,
    events: ["handoff.requested", "contact.captured", "conversation.closed", "message.created"],
  });
  expect(hook.status).toBe(201);
});
afterAll(async () => {
  await server.stop({ removeData: true });
  receiver.stop(true);
});

async function webhookEvent(event: string, sessionId: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = received.find(
      (r) => r.event === event && (r.body.data as { sessionId?: string }).sessionId === sessionId,
    );
    if (found) return found.body;
    await Bun.sleep(20);
  }
  throw new Error(`no ${event} webhook for ${sessionId}`);
}

describe("nobody available", () => {
  test("a request for a person in German is told so in German, waits, and takes an email", async () => {
    const { session, socket } = await visitor();
    expect(socket.frames[1]).toEqual({
      type: "status",
      mode: "ai",
      agentsAvailable: false,
      handoffEnabled: true,
    });
    socket.send({ message: "Ich möchte mit einem Menschen sprechen" });
    // Answered by the assistant like any question (a client waits for that answer), streamed, in
    // German, with no passage of the documents.
    const answer = (await socket.next(isMessage("assistant"))) as Message;
    expect(answer.message).toContain("niemand von Shoe Shop erreichbar");
    expect(answer.message).toContain("E-Mail-Adresse");
    expect(answer.sources ?? []).toEqual([]);
    const streamed = socket.frames.filter((f) => f.type === "delta" && f.id === answer.id);
    expect(streamed.map((f) => (f.type === "delta" ? f.delta : "")).join("")).toBe(answer.message);
    expect(socket.frames.some((f) => f.type === "typing" && f.sender === "assistant")).toBe(true);
    const status = StatusFrame.parse(await socket.next((f) => isStatus(f) && f.mode === "waiting"));
    expect(status).toEqual({ type: "status", mode: "waiting", agentsAvailable: false, handoffEnabled: true });
    expect(socket.frames.some((f) => f.type === "message" && f.sender === "system")).toBe(false);

    for (const email of [
      "not-an-email",
      "a@b",
      "a b@example.com",
      "<x>@example.com",
      `${"a".repeat(250)}@example.com`,
    ]) {
      const from = socket.frames.length;
      socket.send({ type: "contact", email });
      const error = await socket.next((f) => f.type === "error", { from });
      expect(error).toMatchObject({ type: "error", code: "invalid_message" });
    }
    socket.send({ type: "contact", email: " anna@example.com ", name: "Anna", message: "Bitte Rückruf" });
    const saved = (await socket.next(
      (f) => isMessage("system")(f) && (f as Message).message.includes("anna@example.com"),
    )) as Message;
    expect(saved.message).toContain("Danke");
    const list = SessionList.parse(
      await (await admin.call("GET", `/api/businesses/${businessId}/sessions`)).json(),
    );
    expect(list.sessions.find((s) => s.id === session)).toMatchObject({
      mode: "waiting",
      title: "Ich möchte mit einem Menschen sprechen",
      contact: { email: "anna@example.com", name: "Anna", message: "Bitte Rückruf" },
    });
    // The transcript and the export carry the mode and the address too.
    const transcript = Transcript.parse(
      await (await admin.call("GET", `/api/businesses/${businessId}/sessions/${session}`)).json(),
    );
    expect(transcript).toMatchObject({ mode: "waiting", contact: { email: "anna@example.com" } });
    const exported = TranscriptExport.parse(
      await (await admin.call("GET", `/api/businesses/${businessId}/messages/export?format=json`)).json(),
    );
    expect(exported.sessions.find((s) => s.id === session)).toMatchObject({
      mode: "waiting",
      contact: { email: "anna@example.com", name: "Anna" },
    });
    expect(await webhookEvent("handoff.requested", session)).toMatchObject({
      event: "handoff.requested",
      data: { sessionId: session, trigger: "message", agentsAvailable: false },
    });
    expect(await webhookEvent("contact.captured", session)).toMatchObject({
      data: { contact: { email: "anna@example.com" } },
    });
    await socket.close();
  });

  test("frames in the wrong mode get an error frame and change nothing", async () => {
    const { socket } = await visitor();
    socket.send({ type: "contact", email: "bob@example.com" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({ code: "conflict" });
    socket.send({ type: "handoff", lang: "fr" });
    await socket.next((f) => isStatus(f) && f.mode === "waiting");
    const notice = (await socket.next(isMessage("system"))) as Message;
    expect(notice.message).toContain("Personne de Shoe Shop");
    const from = socket.frames.length;
    socket.send({ type: "handoff" });
    expect(await socket.next((f) => f.type === "error", { from })).toMatchObject({ code: "conflict" });
    socket.send({ type: "handoff", lang: "x".repeat(100) });
    expect(
      await socket.next((f) => f.type === "error" && f.code === "invalid_message", { from }),
    ).toBeTruthy();
    await socket.close();
  });
});

describe("offered after not-found answers in a row", () => {
  test("the second gap in a row offers a person; yes starts the handoff; yes without an offer does not", async () => {
    const patched = await admin.call("PATCH", `/api/businesses/${businessId}`, { handoffAfterNotFound: 2 });
    expect(patched.status).toBe(200);
    const { session, socket } = await visitor();
    const answers: Message[] = [];
    const askFor = async (message: string) => {
      const from = socket.frames.length;
      socket.send({ message });
      const answer = (await socket.next(isMessage("assistant"), { from })) as Message;
      answers.push(answer);
      return answer.message;
    };
    // A yes with no offer before it is a question like any (here, one more gap).
    expect(await askFor("yes")).not.toContain("talk to a person");
    // An answer in between starts the count again.
    expect(await askFor("How long do I have to return shoes?")).toMatch(/thirty days/);
    expect(await askFor("Do you sell garden furniture?")).not.toContain("talk to a person");
    expect(await askFor("Do you repair bicycles?")).toContain(
      "Would you like to talk to a person? Just say yes.",
    );
    const handedOff = await askFor("Yes please!");
    expect(handedOff).toContain("Leave your email address");
    await socket.next((f) => isStatus(f) && f.mode === "waiting");
    expect(await webhookEvent("handoff.requested", session)).toMatchObject({
      data: { trigger: "not_found" },
    });
    await socket.close();
    await admin.call("PATCH", `/api/businesses/${businessId}`, { handoffAfterNotFound: null });
  });
});

describe("the agent inbox", () => {
  test("bad tokens, another business's agent and frames before auth are refused and closed", async () => {
    const anna = await createAgent("Anna");
    const otto = await createAgent("Otto", otherBusinessId);
    for (const [token, code] of [
      [anna.token.replace(/_[^_]+$/, `_${"B".repeat(32)}`), "unauthorized"],
      ["garbage", "unauthorized"],
      [otto.token, "forbidden"],
    ] as const) {
      const socket = await openInbox(token);
      expect(AgentServerFrame.parse(await socket.next((f) => f.type === "error"))).toMatchObject({ code });
      await socket.closed;
    }
    const early = await openSocket(`${server.wsUrl}/ws/agent/${businessId}`);
    early.send({ type: "claim", sessionId: newSessionId() });
    expect(await early.next((f) => f.type === "error")).toMatchObject({ code: "unauthorized" });
    await early.closed;
    const bad = await openSocket(`${server.wsUrl}/ws/agent/${businessId}`);
    bad.sendRaw("{nope");
    bad.send({ type: "claim" });
    await bad.next((f) => f.type === "error" && f.code === "invalid_message");
    await bad.close();
  });

  test("the inbox of a business that does not exist is a 404 before the upgrade, as the chat's is", async () => {
    expect(await handshakeStatus(`${server.wsUrl}/ws/agent/987654`)).toBe(404);
    expect(await handshakeStatus(`${server.wsUrl}/ws/agent/${businessId}`)).toBe(101);
    const gone = (await admin.createBusiness({ name: "Gone" })).id;
    expect((await admin.call("DELETE", `/api/businesses/${gone}`)).status).toBe(204);
    expect(await handshakeStatus(`${server.wsUrl}/ws/agent/${gone}`)).toBe(404);
  });

  test("asked for a person, seen live, claimed by exactly one of two agents, answered, handed back, closed", async () => {
    const anna = await createAgent("Anna");
    const ben = await createAgent("Ben");
    const inboxA = await openInbox(anna.token);
    const inboxB = await openInbox(ben.token);
    await nextAgent(inboxA, (f) => f.type === "ready");
    await nextAgent(inboxB, (f) => f.type === "ready");
    await nextAgent(inboxA, (f) => f.type === "presence" && f.online.length === 2);
    const agents = (await (await admin.call("GET", `/api/businesses/${businessId}/agents`)).json()) as {
      agents: { name: string; online: boolean }[];
    };
    expect(agents.agents.filter((a) => a.online).map((a) => a.name)).toEqual(["Anna", "Ben"]);

    const { session, socket } = await visitor("en");
    expect(StatusFrame.parse(socket.frames[1])).toMatchObject({ mode: "ai", agentsAvailable: true });
    socket.send({ type: "user", message: "How long do I have to return shoes?" });
    await socket.next(isMessage("assistant"));
    socket.send({ type: "handoff" });
    await socket.next((f) => isStatus(f) && f.mode === "waiting" && f.agentsAvailable);
    expect(((await socket.next(isMessage("system"))) as Message).message).toContain("a person will answer");
    const pushed = await nextAgent(
      inboxA,
      (f) => f.type === "session" && f.session.id === session && f.session.mode === "waiting",
    );
    expect(pushed).toMatchObject({ session: { title: "How long do I have to return shoes?" } });

    // Both claim at once: one wins, the other is told who has it.
    const fromA = inboxA.frames.length;
    const fromB = inboxB.frames.length;
    inboxA.send({ type: "claim", sessionId: session });
    inboxB.send({ type: "claim", sessionId: session });
    const status = StatusFrame.parse(await socket.next((f) => isStatus(f) && f.mode === "human"));
    const winner = status.agent?.name;
    expect(["Anna", "Ben"]).toContain(winner!);
    const [winnerInbox, loserInbox, loserFrom] =
      winner === "Anna" ? [inboxA, inboxB, fromB] : [inboxB, inboxA, fromA];
    expect(await nextAgent(loserInbox, (f) => f.type === "error", loserFrom)).toMatchObject({
      code: "conflict",
      message: `${winner} already answers this conversation.`,
    });
    expect(
      (
        (await socket.next(
          (f) => isMessage("system")(f) && (f as Message).message.includes("joined"),
        )) as Message
      ).message,
    ).toBe(`${winner} joined the conversation.`);
    // The loser may not answer in it either.
    const lf = loserInbox.frames.length;
    loserInbox.send({ type: "reply", sessionId: session, message: "me too" });
    expect(await nextAgent(loserInbox, (f) => f.type === "error", lf)).toMatchObject({ code: "conflict" });

    winnerInbox.send({ type: "typing", sessionId: session });
    expect(await socket.next((f) => f.type === "typing" && f.sender === "agent")).toBeTruthy();
    winnerInbox.send({ type: "reply", sessionId: session, message: "Hi, I can help with that." });
    const reply = (await socket.next(isMessage("agent"))) as Message;
    expect(reply).toMatchObject({ sender: "agent", agentName: winner, message: "Hi, I can help with that." });

    // While a person answers, the assistant keeps quiet and the customer's words go to the inbox.
    const before = socket.frames.length;
    socket.send({ type: "typing" });
    expect(
      await nextAgent(
        winnerInbox,
        (f) => f.type === "typing" && f.sessionId === session && f.sender === "user",
      ),
    ).toBeTruthy();
    socket.send({ message: "Which size should I order?" });
    const relayed = await nextAgent(
      winnerInbox,
      (f) => f.type === "message" && f.message.message === "Which size should I order?",
    );
    expect(relayed).toMatchObject({ sessionId: session, message: { sender: "user" } });
    await Bun.sleep(300);
    expect(socket.frames.slice(before).some((f) => f.type === "typing" && f.sender === "assistant")).toBe(
      false,
    );
    expect(socket.frames.slice(before).some((f) => f.type === "message" && f.sender === "assistant")).toBe(
      false,
    );

    const fromLoser = loserInbox.frames.length;
    loserInbox.send({ type: "handback", sessionId: session });
    expect(await nextAgent(loserInbox, (f) => f.type === "error", fromLoser)).toMatchObject({
      code: "conflict",
    });
    winnerInbox.send({ type: "handback", sessionId: session });
    await socket.next((f) => isStatus(f) && f.mode === "ai", { from: before });
    const from = socket.frames.length;
    socket.send({ message: "Do you ship to the European Union?" });
    expect(((await socket.next(isMessage("assistant"), { from })) as Message).message).toMatch(
      /European Union/,
    );
    const wf = winnerInbox.frames.length;
    winnerInbox.send({ type: "handback", sessionId: session });
    expect(await nextAgent(winnerInbox, (f) => f.type === "error", wf)).toMatchObject({ code: "conflict" });

    winnerInbox.send({ type: "close", sessionId: session });
    await socket.next((f) => isStatus(f) && f.mode === "closed", { from });
    expect(await webhookEvent("conversation.closed", session)).toMatchObject({ data: { closedBy: winner } });
    const transcript = (await (
      await admin.call("GET", `/api/businesses/${businessId}/sessions/${session}`)
    ).json()) as {
      messages: Message[];
    };
    expect(transcript.messages.map((m) => m.sender)).toEqual([
      "user",
      "assistant",
      "system",
      "system",
      "agent",
      "user",
      "system",
      "user",
      "assistant",
      "system",
    ]);
    expect(transcript.messages.find((m) => m.sender === "agent")?.agentName).toBe(winner!);
    expect(Transcript.parse(transcript).mode).toBe("closed");
    const unknown = winnerInbox.frames.length;
    winnerInbox.send({ type: "claim", sessionId: newSessionId() });
    expect(await nextAgent(winnerInbox, (f) => f.type === "error", unknown)).toMatchObject({
      code: "not_found",
    });
    await inboxA.close();
    await inboxB.close();
    await socket.next((f) => isStatus(f) && !f.agentsAvailable, { from });
    await socket.close();
  });

  test("asked for in words with an agent online: the assistant says a person comes; what follows goes to the person", async () => {
    const fay = await createAgent("Fay");
    const inbox = await openInbox(fay.token);
    await nextAgent(inbox, (f) => f.type === "ready");
    const { session, socket } = await visitor();
    // Typed ahead while the first question is still being answered: the request for a person waits
    // its turn, and the message after it is for the person.
    socket.send({ message: "How long do I have to return shoes?" });
    socket.send({ message: "can I talk to a human?" });
    socket.send({ message: "It is about order 1234." });
    const first = (await socket.next(isMessage("assistant"))) as Message;
    expect(first.message).toMatch(/thirty days/);
    const answer = (await socket.next(
      (f) => isMessage("assistant")(f) && (f as Message).id !== first.id,
    )) as Message;
    expect(answer.message).toContain("a person will answer you shortly");
    expect(answer.sources ?? []).toEqual([]);
    await socket.next((f) => isStatus(f) && f.mode === "waiting" && f.agentsAvailable);
    const relayed = await nextAgent(
      inbox,
      (f) =>
        f.type === "message" && f.sessionId === session && f.message.message === "It is about order 1234.",
    );
    expect(relayed).toMatchObject({ message: { sender: "user" } });
    expect(await webhookEvent("handoff.requested", session)).toMatchObject({
      data: { trigger: "message", agentsAvailable: true },
    });
    await Bun.sleep(200);
    expect(socket.frames.filter((f) => f.type === "message" && f.sender === "assistant")).toHaveLength(2);
    await socket.close();
    await inbox.close();
  });

  test("a deleted agent's inbox closes and its conversation waits again", async () => {
    const dora = await createAgent("Dora");
    const inbox = await openInbox(dora.token);
    await nextAgent(inbox, (f) => f.type === "ready");
    const { session, socket } = await visitor();
    socket.send({ type: "handoff" });
    await socket.next((f) => isStatus(f) && f.mode === "waiting");
    inbox.send({ type: "claim", sessionId: session });
    await socket.next((f) => isStatus(f) && f.mode === "human");
    expect((await admin.call("DELETE", `/api/businesses/${businessId}/agents/${dora.id}`)).status).toBe(204);
    await inbox.closed;
    const from = socket.frames.length;
    await socket.next((f) => isStatus(f) && f.mode === "waiting", { from: from - 1 });
    const again = await openInbox(dora.token);
    expect(await again.next((f) => f.type === "error")).toMatchObject({ code: "unauthorized" });
    await socket.close();
  });

  test("outside business hours nobody is available, even with an agent online", async () => {
    const eve = await createAgent("Eve");
    const inbox = await openInbox(eve.token);
    await nextAgent(inbox, (f) => f.type === "ready");
    const { socket } = await visitor();
    expect(StatusFrame.parse(socket.frames[1]).agentsAvailable).toBe(true);
    // A chat already open is told at once when the hours close (and when handoff is switched off).
    const patched = await admin.call("PATCH", `/api/businesses/${businessId}`, {
      businessHours: { timeZone: "Pacific/Kiritimati", weekly: [] },
    });
    expect(patched.status).toBe(200);
    await socket.next((f) => isStatus(f) && !f.agentsAvailable);
    const later = await visitor();
    expect(StatusFrame.parse(later.socket.frames[1]).agentsAvailable).toBe(false);
    await later.socket.close();
    await admin.call("PATCH", `/api/businesses/${businessId}`, { handoffEnabled: false });
    await socket.next((f) => isStatus(f) && f.handoffEnabled === false);
    await admin.call("PATCH", `/api/businesses/${businessId}`, { handoffEnabled: true });
    await socket.next((f) => isStatus(f) && f.handoffEnabled === true);
    for (const businessHours of [
      { timeZone: "Mars/Olympus", weekly: [] },
      { timeZone: "UTC", weekly: [{ day: "mon", from: "18:00", to: "09:00" }] },
      { timeZone: "UTC", weekly: [{ day: "monday", from: "09:00", to: "17:00" }] },
      { timeZone: "UTC", weekly: [{ day: "mon", from: "9:00", to: "17:00" }] },
    ]) {
      expect((await admin.call("PATCH", `/api/businesses/${businessId}`, { businessHours })).status).toBe(
        400,
      );
    }
    const from = socket.frames.length;
    await admin.call("PATCH", `/api/businesses/${businessId}`, { businessHours: null });
    await socket.next((f) => isStatus(f) && f.agentsAvailable, { from });
    await socket.close();
    await inbox.close();
  });
});

describe("an idle agent", () => {
  test("hands the conversation back to the assistant with a notice", async () => {
    const idle = await startTestServer({ env: { SUPPORTAL_AGENT_IDLE_MS: "300" } });
    const client = apiClient(idle.url, idle.adminToken);
    const id = (await client.createBusiness({ name: "Idle" })).id;
    const session = newSessionId();
    const socket = await openSocket(`${idle.wsUrl}/ws/chat/${id}/${session}`);
    const inbox = await openSocket(`${idle.wsUrl}/ws/agent/${id}`);
    inbox.send({ type: "auth", token: idle.adminToken, name: "Owner Olga" });
    await inbox.next((f) => AgentServerFrame.parse(f).type === "ready");
    socket.send({ type: "handoff" });
    await socket.next((f) => isStatus(f) && f.mode === "waiting");
    inbox.send({ type: "claim", sessionId: session });
    expect(StatusFrame.parse(await socket.next((f) => isStatus(f) && f.mode === "human")).agent).toEqual({
      name: "Owner Olga",
    });
    const claimed = socket.frames.length;
    await socket.next((f) => isStatus(f) && f.mode === "ai", { from: claimed });
    const notices = socket.frames.filter((f): f is Message => f.type === "message" && f.sender === "system");
    expect(notices.at(-1)?.message).toBe(
      "Owner Olga is no longer available; the assistant will answer you again.",
    );
    await socket.close();
    await inbox.close();
    await idle.stop({ removeData: true });
  });
});
