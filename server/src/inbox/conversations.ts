import type {
  AgentServerFrame,
  ContactInput,
  ConversationMode,
  Message,
  ServerFrame,
  StatusFrame,
} from "@supportal/shared";
import type { Presence } from "../agents/presence";
import { findBusinessRow } from "../businesses/business-repo";
import type { ChatLanguage } from "../chat/detect-language";
import { type SessionHub, sessionKey } from "../chat/session-hub";
import { appendMessage, sessionExists } from "../chat/session-repo";
import { findSessionSummary, listSessionSummaries } from "../chat/session-summaries";
import type { Db } from "../db/client";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import { isOpen } from "./business-hours";
import {
  claimConversation,
  ensureSession,
  listHumanConversations,
  moveConversation,
  readConversation,
  releaseAgentConversations,
  saveContact,
} from "./conversation-repo";
import { HANDOFF_NOTICES } from "./handoff-notices";

/** One open inbox: a socket of an agent (or an owner answering under a name). */
export interface InboxMember {
  businessId: number;
  /** An agent's id; owners get a negative id of their own per socket. */
  agentId: number;
  name: string;
  socket: { send(text: string): void; close(code?: number, reason?: string): void };
}

export interface ConversationDeps {
  db: Db;
  hub: SessionHub;
  presence: Presence;
  webhooks: WebhookDispatcher;
  now: () => Date;
  /** An agent holding a conversation without a word or keystroke for this long hands it back. */
  agentIdleMs: number;
}

// Business hours are kept to the minute, so checking them each minute is as fine as they are.
const HOURS_CHECK_MS = 60_000;

// Visitor keystrokes arrive many times a second; agents need to know only that someone is typing.
const TYPING_FORWARD_MS = 2_000;

/** What started a handoff, as the `handoff.requested` webhook tells it. */
export type HandoffTrigger = "button" | "message" | "model" | "not_found";

/** Result of an inbox or visitor action: null when done, else why not (an `error` frame's text). */
type Refusal = { code: "conflict" | "not_found" | "forbidden"; message: string } | null;

/**
 * The people side of conversations: modes, who answers, availability, the live inbox, and the
 * events each change sends to webhooks. The chat socket and the agent socket both act through it.
 */
export function createConversations(deps: ConversationDeps) {
  const { db, hub } = deps;
  const inboxes = new Map<number, Set<InboxMember>>();
  const languages = new Map<string, ChatLanguage>();
  const idleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastTypingForward = new Map<string, number>();
  const availability = new Map<number, boolean>();
  let hoursTimer: ReturnType<typeof setInterval> | undefined;
  const stamp = () => deps.now().toISOString();

  const languageOf = (businessId: number, sessionId: string): ChatLanguage =>
    languages.get(sessionKey(businessId, sessionId)) ?? "en";

  function agentsAvailable(businessId: number): boolean {
    if (deps.presence.online(businessId).length === 0) return false;
    const hours = findBusinessRow(db, businessId)?.businessHours;
    return hours ? isOpen(hours, deps.now()) : true;
  }

  function status(businessId: number, sessionId: string): StatusFrame {
    const conversation = readConversation(db, businessId, sessionId);
    return {
      type: "status",
      mode: conversation.mode,
      ...(conversation.mode === "human" && conversation.agentName
        ? { agent: { name: conversation.agentName } }
        : {}),
      agentsAvailable: agentsAvailable(businessId),
      handoffEnabled: findBusinessRow(db, businessId)?.handoffEnabled ?? false,
    };
  }

  function toInbox(businessId: number, frame: AgentServerFrame) {
    const members = inboxes.get(businessId);
    if (!members) return;
    const text = JSON.stringify(frame);
    for (const member of members) member.socket.send(text);
  }

  const onlineAgents = (businessId: number) => deps.presence.online(businessId);

  function pushSession(businessId: number, sessionId: string) {
    // Read only for someone to show it to: most messages arrive with no inbox open.
    if (!inboxes.get(businessId)?.size) return;
    const session = findSessionSummary(db, businessId, sessionId);
    if (session) toInbox(businessId, { type: "session", session });
  }

  function publishStatus(businessId: number, sessionId: string) {
    hub.publish(sessionKey(businessId, sessionId), status(businessId, sessionId));
    pushSession(businessId, sessionId);
  }

  /** Every stored message of a conversation, whoever wrote it: to the inbox and to webhooks. */
  function messageStored(businessId: number, sessionId: string, message: Message) {
    toInbox(businessId, { type: "message", sessionId, message });
    pushSession(businessId, sessionId);
    deps.webhooks.emit(businessId, "message.created", { sessionId, message });
  }

  function store(
    businessId: number,
    sessionId: string,
    sender: Message["sender"],
    text: string,
    agentName?: string,
  ): Message {
    const message = appendMessage(db, {
      id: crypto.randomUUID(),
      businessId,
      sessionId,
      sender,
      message: text,
      ...(agentName ? { agentName } : {}),
      now: stamp(),
    });
    hub.publish(sessionKey(businessId, sessionId), message);
    messageStored(businessId, sessionId, message);
    return message;
  }

  /** Status frames to every open session of the business when availability changed (or `always`). */
  function publishAvailability(businessId: number, always = false) {
    const now = agentsAvailable(businessId);
    if (!always && availability.get(businessId) === now) return;
    availability.set(businessId, now);
    for (const key of hub.keysWithPrefix(`${businessId}/`)) {
      const sessionId = key.slice(key.indexOf("/") + 1);
      hub.publish(key, status(businessId, sessionId));
    }
  }

  /** Agents came or went: the inbox hears who is online, visitors whether anyone is available. */
  function presenceChanged(businessId: number) {
    toInbox(businessId, { type: "presence", online: onlineAgents(businessId) });
    publishAvailability(businessId);
  }
  // Agents of another instance came or went: this one's inboxes and visitors hear it too.
  deps.presence.onChange(presenceChanged);

  function clearIdle(key: string) {
    const timer = idleTimers.get(key);
    if (timer) clearTimeout(timer);
    idleTimers.delete(key);
  }

  function touch(businessId: number, sessionId: string, agentId: number) {
    const key = sessionKey(businessId, sessionId);
    clearIdle(key);
    const timer = setTimeout(() => {
      idleTimers.delete(key);
      const conversation = readConversation(db, businessId, sessionId);
      if (conversation.mode !== "human" || conversation.agentId !== agentId) return;
      handBack(businessId, sessionId, "idle");
    }, deps.agentIdleMs);
    (timer as { unref?: () => void }).unref?.();
    idleTimers.set(key, timer);
  }

  function handBack(businessId: number, sessionId: string, why: "agent" | "idle"): boolean {
    const conversation = readConversation(db, businessId, sessionId);
    if (!moveConversation(db, businessId, sessionId, { from: ["human", "waiting"], mode: "ai" }))
      return false;
    clearIdle(sessionKey(businessId, sessionId));
    const notices = HANDOFF_NOTICES[languageOf(businessId, sessionId)];
    const who = conversation.agentName ?? "";
    store(
      businessId,
      sessionId,
      "system",
      why === "idle" ? notices.idleHandBack(who || "The person") : notices.handedBack(who || "The person"),
    );
    publishStatus(businessId, sessionId);
    return true;
  }

  /** Waiting for a person: moved, the webhook told; the caller says the notice to the visitor. */
  function startHandoff(
    businessId: number,
    sessionId: string,
    trigger: HandoffTrigger,
    language: ChatLanguage,
  ): { notice: string } | null {
    ensureSession(db, businessId, sessionId, stamp());
    if (!moveConversation(db, businessId, sessionId, { from: ["ai", "closed"], mode: "waiting" }))
      return null;
    const available = agentsAvailable(businessId);
    const notices = HANDOFF_NOTICES[language];
    const name = businessName(businessId);
    deps.webhooks.emit(businessId, "handoff.requested", { sessionId, trigger, agentsAvailable: available });
    return { notice: available ? notices.waiting(name) : notices.nobodyAvailable(name) };
  }

  function businessName(businessId: number) {
    return findBusinessRow(db, businessId)?.name ?? "us";
  }

  function knownSession(businessId: number, sessionId: string): Refusal {
    return sessionExists(db, businessId, sessionId)
      ? null
      : { code: "not_found", message: "No such conversation in this business." };
  }

  return {
    status,
    agentsAvailable,
    messageStored,

    /** Remembers the language a visitor writes in, for the notices people's actions send them. */
    rememberLanguage(businessId: number, sessionId: string, language: ChatLanguage) {
      languages.set(sessionKey(businessId, sessionId), language);
    },

    modeOf: (businessId: number, sessionId: string): ConversationMode =>
      readConversation(db, businessId, sessionId).mode,

    /** A customer message while people answer: stored, echoed, shown in the inbox; no assistant. */
    visitorMessage(businessId: number, sessionId: string, text: string): Message {
      return store(businessId, sessionId, "user", text);
    },

    /** The visitor asks for a person with the widget's control: waiting, and told whether anyone can come. */
    requestHandoff(businessId: number, sessionId: string): Refusal {
      const started = startHandoff(businessId, sessionId, "button", languageOf(businessId, sessionId));
      if (!started) {
        return { code: "conflict", message: "A person has already been asked to join this conversation." };
      }
      store(businessId, sessionId, "system", started.notice);
      publishStatus(businessId, sessionId);
      return null;
    },

    /**
     * A request for a person the assistant answers (asked in words, or by the model): the handoff
     * starts and its notice is what the assistant says. Null when the business does not hand chats
     * to people, or a person has already been asked.
     */
    handoffByAssistant(
      businessId: number,
      sessionId: string,
      language: ChatLanguage,
      trigger: HandoffTrigger,
    ): { notice: string; announce: () => void } | null {
      if (!findBusinessRow(db, businessId)?.handoffEnabled) return null;
      const started = startHandoff(businessId, sessionId, trigger, language);
      return started
        ? { notice: started.notice, announce: () => publishStatus(businessId, sessionId) }
        : null;
    },

    leaveContact(businessId: number, sessionId: string, input: ContactInput): Refusal {
      const mode = readConversation(db, businessId, sessionId).mode;
      if (mode !== "waiting") {
        return {
          code: "conflict",
          message: "An address can be left while waiting for a person; ask for a person first.",
        };
      }
      const contact = {
        email: input.email,
        ...(input.name ? { name: input.name } : {}),
        ...(input.message ? { message: input.message } : {}),
        at: stamp(),
      };
      saveContact(db, businessId, sessionId, contact);
      store(
        businessId,
        sessionId,
        "system",
        HANDOFF_NOTICES[languageOf(businessId, sessionId)].contactSaved(input.email),
      );
      pushSession(businessId, sessionId);
      deps.webhooks.emit(businessId, "contact.captured", { sessionId, contact });
      return null;
    },

    visitorTyping(businessId: number, sessionId: string) {
      const key = sessionKey(businessId, sessionId);
      const now = deps.now().getTime();
      if (now - (lastTypingForward.get(key) ?? 0) < TYPING_FORWARD_MS) return;
      lastTypingForward.set(key, now);
      toInbox(businessId, { type: "typing", sessionId, sender: "user" });
    },

    /** A closed conversation that the visitor writes in again is with the assistant again. */
    reopen(businessId: number, sessionId: string) {
      if (moveConversation(db, businessId, sessionId, { from: ["closed"], mode: "ai" })) {
        publishStatus(businessId, sessionId);
      }
    },

    joinInbox(member: InboxMember) {
      const members = inboxes.get(member.businessId) ?? new Set();
      members.add(member);
      inboxes.set(member.businessId, members);
      deps.presence.enter(member.businessId, { id: member.agentId, name: member.name });
      member.socket.send(
        JSON.stringify({
          type: "ready",
          agent: { id: member.agentId, name: member.name },
          sessions: listSessionSummaries(db, member.businessId),
          online: onlineAgents(member.businessId),
        } satisfies AgentServerFrame),
      );
      presenceChanged(member.businessId);
    },

    leaveInbox(member: InboxMember) {
      const members = inboxes.get(member.businessId);
      if (!members?.delete(member)) return;
      if (members.size === 0) inboxes.delete(member.businessId);
      deps.presence.leave(member.businessId, member.agentId);
      presenceChanged(member.businessId);
    },

    claim(member: InboxMember, sessionId: string): Refusal {
      const { businessId } = member;
      const missing = knownSession(businessId, sessionId);
      if (missing) return missing;
      const before = readConversation(db, businessId, sessionId);
      if (before.mode === "human" && before.agentId === member.agentId) return null;
      if (!claimConversation(db, businessId, sessionId, { id: member.agentId, name: member.name })) {
        const holder = readConversation(db, businessId, sessionId).agentName ?? "Someone";
        return { code: "conflict", message: `${holder} already answers this conversation.` };
      }
      touch(businessId, sessionId, member.agentId);
      store(
        businessId,
        sessionId,
        "system",
        HANDOFF_NOTICES[languageOf(businessId, sessionId)].joined(member.name),
      );
      publishStatus(businessId, sessionId);
      return null;
    },

    reply(member: InboxMember, sessionId: string, text: string): Refusal {
      const refusal = holds(member, sessionId);
      if (refusal) return refusal;
      touch(member.businessId, sessionId, member.agentId);
      store(member.businessId, sessionId, "agent", text, member.name);
      return null;
    },

    agentTyping(member: InboxMember, sessionId: string): Refusal {
      const refusal = holds(member, sessionId);
      if (refusal) return refusal;
      touch(member.businessId, sessionId, member.agentId);
      hub.publish(sessionKey(member.businessId, sessionId), {
        type: "typing",
        sender: "agent",
      } satisfies ServerFrame);
      return null;
    },

    handBack(member: InboxMember, sessionId: string): Refusal {
      const missing = knownSession(member.businessId, sessionId);
      if (missing) return missing;
      const conversation = readConversation(db, member.businessId, sessionId);
      if (conversation.mode === "human" && conversation.agentId !== member.agentId) {
        return {
          code: "conflict",
          message: `${conversation.agentName ?? "Someone else"} answers this conversation.`,
        };
      }
      if (!handBack(member.businessId, sessionId, "agent")) {
        return { code: "conflict", message: "The assistant already answers this conversation." };
      }
      return null;
    },

    close(member: InboxMember, sessionId: string): Refusal {
      const { businessId } = member;
      const missing = knownSession(businessId, sessionId);
      if (missing) return missing;
      const conversation = readConversation(db, businessId, sessionId);
      if (conversation.mode === "human" && conversation.agentId !== member.agentId) {
        return {
          code: "conflict",
          message: `${conversation.agentName ?? "Someone else"} answers this conversation.`,
        };
      }
      if (
        !moveConversation(db, businessId, sessionId, { from: ["ai", "waiting", "human"], mode: "closed" })
      ) {
        return { code: "conflict", message: "This conversation is already closed." };
      }
      clearIdle(sessionKey(businessId, sessionId));
      store(businessId, sessionId, "system", HANDOFF_NOTICES[languageOf(businessId, sessionId)].closed);
      publishStatus(businessId, sessionId);
      deps.webhooks.emit(businessId, "conversation.closed", { sessionId, closedBy: member.name });
      return null;
    },

    /** A deleted agent: its inbox sockets close, its conversations wait for someone else. */
    agentDeleted(businessId: number, agentId: number) {
      for (const member of [...(inboxes.get(businessId) ?? [])]) {
        if (member.agentId === agentId) member.socket.close(4403, "agent deleted");
      }
      for (const { sessionId } of releaseAgentConversations(db, businessId, agentId)) {
        clearIdle(sessionKey(businessId, sessionId));
        publishStatus(businessId, sessionId);
      }
    },

    /** The owner changed the business (hours, handoff on or off): open chats get the new status. */
    businessChanged(businessId: number) {
      publishAvailability(businessId, true);
    },

    closeBusiness(businessId: number) {
      for (const member of [...(inboxes.get(businessId) ?? [])])
        member.socket.close(1008, "business deleted");
    },

    /** Conversations held by a person before a restart get their idle timers again. */
    start() {
      for (const row of listHumanConversations(db)) {
        if (row.agentId !== null) touch(row.businessId, row.sessionId, row.agentId);
      }
      // Opening and closing times pass with agents online: visitors learn it within this interval.
      hoursTimer = setInterval(() => {
        for (const businessId of availability.keys()) publishAvailability(businessId);
      }, HOURS_CHECK_MS);
      (hoursTimer as { unref?: () => void }).unref?.();
    },

    stop() {
      for (const timer of idleTimers.values()) clearTimeout(timer);
      idleTimers.clear();
      if (hoursTimer) clearInterval(hoursTimer);
    },
  };

  function holds(member: InboxMember, sessionId: string): Refusal {
    const missing = knownSession(member.businessId, sessionId);
    if (missing) return missing;
    const conversation = readConversation(db, member.businessId, sessionId);
    if (conversation.mode !== "human" || conversation.agentId !== member.agentId) {
      return { code: "conflict", message: "Claim the conversation before answering in it." };
    }
    return null;
  }
}

export type Conversations = ReturnType<typeof createConversations>;
