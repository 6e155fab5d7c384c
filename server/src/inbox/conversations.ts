import type {
  AgentServerFrame,
  ContactInput,
  ConversationMode,
  Message,
  ServerFrame,
  StatusFrame,
} from "@supportal/shared";
import type { Presence } from "../agents/presence";
import type { ChatLanguage } from "../chat/detect-language";
import { type SessionHub, sessionKey } from "../chat/session-hub";
import type { Repositories } from "../db/repositories";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import { isOpen } from "./business-hours";
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
  repos: Pick<Repositories, "businesses" | "conversations" | "sessions" | "transcripts">;
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
  const { repos, hub } = deps;
  const inboxes = new Map<number, Set<InboxMember>>();
  const languages = new Map<string, ChatLanguage>();
  const idleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastTypingForward = new Map<string, number>();
  const availability = new Map<number, boolean>();
  let hoursTimer: ReturnType<typeof setInterval> | undefined;
  const stamp = () => deps.now().toISOString();

  const languageOf = (businessId: number, sessionId: string): ChatLanguage =>
    languages.get(sessionKey(businessId, sessionId)) ?? "en";

  async function agentsAvailable(businessId: number): Promise<boolean> {
    if (deps.presence.online(businessId).length === 0) return false;
    const hours = (await repos.businesses.findBusinessRow(businessId))?.businessHours;
    return hours ? isOpen(hours, deps.now()) : true;
  }

  async function status(businessId: number, sessionId: string): Promise<StatusFrame> {
    const conversation = await repos.conversations.readConversation(businessId, sessionId);
    return {
      type: "status",
      mode: conversation.mode,
      ...(conversation.mode === "human" && conversation.agentName
        ? { agent: { name: conversation.agentName } }
        : {}),
      agentsAvailable: await agentsAvailable(businessId),
      handoffEnabled: (await repos.businesses.findBusinessRow(businessId))?.handoffEnabled ?? false,
    };
  }

  function toInbox(businessId: number, frame: AgentServerFrame) {
    const members = inboxes.get(businessId);
    if (!members) return;
    const text = JSON.stringify(frame);
    for (const member of members) member.socket.send(text);
  }

  const onlineAgents = (businessId: number) => deps.presence.online(businessId);

  async function pushSession(businessId: number, sessionId: string) {
    // Read only for someone to show it to: most messages arrive with no inbox open.
    if (!inboxes.get(businessId)?.size) return;
    const session = await repos.transcripts.findSessionSummary(businessId, sessionId);
    if (session) toInbox(businessId, { type: "session", session });
  }

  async function publishStatus(businessId: number, sessionId: string) {
    hub.publish(sessionKey(businessId, sessionId), await status(businessId, sessionId));
    await pushSession(businessId, sessionId);
  }

  /** Every stored message of a conversation, whoever wrote it: to the inbox and to webhooks. */
  async function messageStored(businessId: number, sessionId: string, message: Message) {
    toInbox(businessId, { type: "message", sessionId, message });
    await pushSession(businessId, sessionId);
    await deps.webhooks.emit(businessId, "message.created", { sessionId, message });
  }

  async function store(
    businessId: number,
    sessionId: string,
    sender: Message["sender"],
    text: string,
    agentName?: string,
  ): Promise<Message> {
    const message = await repos.sessions.appendMessage({
      id: crypto.randomUUID(),
      businessId,
      sessionId,
      sender,
      message: text,
      ...(agentName ? { agentName } : {}),
      now: stamp(),
    });
    hub.publish(sessionKey(businessId, sessionId), message);
    await messageStored(businessId, sessionId, message);
    return message;
  }

  /** Status frames to every open session of the business when availability changed (or `always`). */
  async function publishAvailability(businessId: number, always = false) {
    const now = await agentsAvailable(businessId);
    if (!always && availability.get(businessId) === now) return;
    availability.set(businessId, now);
    for (const key of hub.keysWithPrefix(`${businessId}/`)) {
      const sessionId = key.slice(key.indexOf("/") + 1);
      hub.publish(key, await status(businessId, sessionId));
    }
  }

  /** Agents came or went: the inbox hears who is online, visitors whether anyone is available. */
  async function presenceChanged(businessId: number) {
    toInbox(businessId, { type: "presence", online: onlineAgents(businessId) });
    await publishAvailability(businessId);
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
    const timer = setTimeout(async () => {
      idleTimers.delete(key);
      try {
        const conversation = await repos.conversations.readConversation(businessId, sessionId);
        if (conversation.mode !== "human" || conversation.agentId !== agentId) return;
        await handBack(businessId, sessionId, "idle");
      } catch (error) {
        console.error("[supportal] an idle conversation could not be handed back", error);
      }
    }, deps.agentIdleMs);
    (timer as { unref?: () => void }).unref?.();
    idleTimers.set(key, timer);
  }

  async function handBack(businessId: number, sessionId: string, why: "agent" | "idle"): Promise<boolean> {
    const conversation = await repos.conversations.readConversation(businessId, sessionId);
    if (
      !(await repos.conversations.moveConversation(businessId, sessionId, {
        from: ["human", "waiting"],
        mode: "ai",
      }))
    )
      return false;
    clearIdle(sessionKey(businessId, sessionId));
    const notices = HANDOFF_NOTICES[languageOf(businessId, sessionId)];
    const who = conversation.agentName ?? "";
    await store(
      businessId,
      sessionId,
      "system",
      why === "idle" ? notices.idleHandBack(who || "The person") : notices.handedBack(who || "The person"),
    );
    await publishStatus(businessId, sessionId);
    return true;
  }

  /** Waiting for a person: moved, the webhook told; the caller says the notice to the visitor. */
  async function startHandoff(
    businessId: number,
    sessionId: string,
    trigger: HandoffTrigger,
    language: ChatLanguage,
  ): Promise<{ notice: string } | null> {
    await repos.conversations.ensureSession(businessId, sessionId, stamp());
    if (
      !(await repos.conversations.moveConversation(businessId, sessionId, {
        from: ["ai", "closed"],
        mode: "waiting",
      }))
    )
      return null;
    const available = await agentsAvailable(businessId);
    const notices = HANDOFF_NOTICES[language];
    const name = await businessName(businessId);
    await deps.webhooks.emit(businessId, "handoff.requested", {
      sessionId,
      trigger,
      agentsAvailable: available,
    });
    return { notice: available ? notices.waiting(name) : notices.nobodyAvailable(name) };
  }

  async function businessName(businessId: number) {
    return (await repos.businesses.findBusinessRow(businessId))?.name ?? "us";
  }

  async function knownSession(businessId: number, sessionId: string): Promise<Refusal> {
    return (await repos.sessions.sessionExists(businessId, sessionId))
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

    modeOf: async (businessId: number, sessionId: string): Promise<ConversationMode> =>
      (await repos.conversations.readConversation(businessId, sessionId)).mode,

    /** A customer message while people answer: stored, echoed, shown in the inbox; no assistant. */
    async visitorMessage(businessId: number, sessionId: string, text: string): Promise<Message> {
      return await store(businessId, sessionId, "user", text);
    },

    /** The visitor asks for a person with the widget's control: waiting, and told whether anyone can come. */
    async requestHandoff(businessId: number, sessionId: string): Promise<Refusal> {
      const started = await startHandoff(businessId, sessionId, "button", languageOf(businessId, sessionId));
      if (!started) {
        return { code: "conflict", message: "A person has already been asked to join this conversation." };
      }
      await store(businessId, sessionId, "system", started.notice);
      await publishStatus(businessId, sessionId);
      return null;
    },

    /**
     * A request for a person the assistant answers (asked in words, or by the model): the handoff
     * starts and its notice is what the assistant says. Null when the business does not hand chats
     * to people, or a person has already been asked.
     */
    async handoffByAssistant(
      businessId: number,
      sessionId: string,
      language: ChatLanguage,
      trigger: HandoffTrigger,
    ): Promise<{ notice: string; announce: () => Promise<void> } | null> {
      if (!(await repos.businesses.findBusinessRow(businessId))?.handoffEnabled) return null;
      const started = await startHandoff(businessId, sessionId, trigger, language);
      return started
        ? { notice: started.notice, announce: () => publishStatus(businessId, sessionId) }
        : null;
    },

    async leaveContact(businessId: number, sessionId: string, input: ContactInput): Promise<Refusal> {
      const mode = (await repos.conversations.readConversation(businessId, sessionId)).mode;
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
      await repos.conversations.saveContact(businessId, sessionId, contact);
      await store(
        businessId,
        sessionId,
        "system",
        HANDOFF_NOTICES[languageOf(businessId, sessionId)].contactSaved(input.email),
      );
      await pushSession(businessId, sessionId);
      await deps.webhooks.emit(businessId, "contact.captured", { sessionId, contact });
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
    async reopen(businessId: number, sessionId: string) {
      if (
        await repos.conversations.moveConversation(businessId, sessionId, { from: ["closed"], mode: "ai" })
      ) {
        await publishStatus(businessId, sessionId);
      }
    },

    async joinInbox(member: InboxMember) {
      const members = inboxes.get(member.businessId) ?? new Set();
      members.add(member);
      inboxes.set(member.businessId, members);
      deps.presence.enter(member.businessId, { id: member.agentId, name: member.name });
      member.socket.send(
        JSON.stringify({
          type: "ready",
          agent: { id: member.agentId, name: member.name },
          sessions: await repos.transcripts.listSessionSummaries(member.businessId),
          online: onlineAgents(member.businessId),
        } satisfies AgentServerFrame),
      );
      await presenceChanged(member.businessId);
    },

    async leaveInbox(member: InboxMember) {
      const members = inboxes.get(member.businessId);
      if (!members?.delete(member)) return;
      if (members.size === 0) inboxes.delete(member.businessId);
      deps.presence.leave(member.businessId, member.agentId);
      await presenceChanged(member.businessId);
    },

    async claim(member: InboxMember, sessionId: string): Promise<Refusal> {
      const { businessId } = member;
      const missing = await knownSession(businessId, sessionId);
      if (missing) return missing;
      const before = await repos.conversations.readConversation(businessId, sessionId);
      if (before.mode === "human" && before.agentId === member.agentId) return null;
      if (
        !(await repos.conversations.claimConversation(businessId, sessionId, {
          id: member.agentId,
          name: member.name,
        }))
      ) {
        const holder =
          (await repos.conversations.readConversation(businessId, sessionId)).agentName ?? "Someone";
        return { code: "conflict", message: `${holder} already answers this conversation.` };
      }
      touch(businessId, sessionId, member.agentId);
      await store(
        businessId,
        sessionId,
        "system",
        HANDOFF_NOTICES[languageOf(businessId, sessionId)].joined(member.name),
      );
      await publishStatus(businessId, sessionId);
      return null;
    },

    async reply(member: InboxMember, sessionId: string, text: string): Promise<Refusal> {
      const refusal = await holds(member, sessionId);
      if (refusal) return refusal;
      touch(member.businessId, sessionId, member.agentId);
      await store(member.businessId, sessionId, "agent", text, member.name);
      return null;
    },

    async agentTyping(member: InboxMember, sessionId: string): Promise<Refusal> {
      const refusal = await holds(member, sessionId);
      if (refusal) return refusal;
      touch(member.businessId, sessionId, member.agentId);
      hub.publish(sessionKey(member.businessId, sessionId), {
        type: "typing",
        sender: "agent",
      } satisfies ServerFrame);
      return null;
    },

    async handBack(member: InboxMember, sessionId: string): Promise<Refusal> {
      const missing = await knownSession(member.businessId, sessionId);
      if (missing) return missing;
      const conversation = await repos.conversations.readConversation(member.businessId, sessionId);
      if (conversation.mode === "human" && conversation.agentId !== member.agentId) {
        return {
          code: "conflict",
          message: `${conversation.agentName ?? "Someone else"} answers this conversation.`,
        };
      }
      if (!(await handBack(member.businessId, sessionId, "agent"))) {
        return { code: "conflict", message: "The assistant already answers this conversation." };
      }
      return null;
    },

    async close(member: InboxMember, sessionId: string): Promise<Refusal> {
      const { businessId } = member;
      const missing = await knownSession(businessId, sessionId);
      if (missing) return missing;
      const conversation = await repos.conversations.readConversation(businessId, sessionId);
      if (conversation.mode === "human" && conversation.agentId !== member.agentId) {
        return {
          code: "conflict",
          message: `${conversation.agentName ?? "Someone else"} answers this conversation.`,
        };
      }
      if (
        !(await repos.conversations.moveConversation(businessId, sessionId, {
          from: ["ai", "waiting", "human"],
          mode: "closed",
        }))
      ) {
        return { code: "conflict", message: "This conversation is already closed." };
      }
      clearIdle(sessionKey(businessId, sessionId));
      await store(businessId, sessionId, "system", HANDOFF_NOTICES[languageOf(businessId, sessionId)].closed);
      await publishStatus(businessId, sessionId);
      await deps.webhooks.emit(businessId, "conversation.closed", { sessionId, closedBy: member.name });
      return null;
    },

    /** A deleted agent: its inbox sockets close, its conversations wait for someone else. */
    async agentDeleted(businessId: number, agentId: number) {
      for (const member of [...(inboxes.get(businessId) ?? [])]) {
        if (member.agentId === agentId) member.socket.close(4403, "agent deleted");
      }
      for (const { sessionId } of await repos.conversations.releaseAgentConversations(businessId, agentId)) {
        clearIdle(sessionKey(businessId, sessionId));
        await publishStatus(businessId, sessionId);
      }
    },

    /** The owner changed the business (hours, handoff on or off): open chats get the new status. */
    async businessChanged(businessId: number) {
      await publishAvailability(businessId, true);
    },

    closeBusiness(businessId: number) {
      for (const member of [...(inboxes.get(businessId) ?? [])])
        member.socket.close(1008, "business deleted");
    },

    /** Conversations held by a person before a restart get their idle timers again. */
    async start() {
      for (const row of await repos.conversations.listHumanConversations()) {
        if (row.agentId !== null) touch(row.businessId, row.sessionId, row.agentId);
      }
      // Opening and closing times pass with agents online: visitors learn it within this interval.
      hoursTimer = setInterval(async () => {
        try {
          for (const businessId of availability.keys()) await publishAvailability(businessId);
        } catch (error) {
          console.error("[supportal] availability could not be checked; it is again in a minute", error);
        }
      }, HOURS_CHECK_MS);
      (hoursTimer as { unref?: () => void }).unref?.();
    },

    stop() {
      for (const timer of idleTimers.values()) clearTimeout(timer);
      idleTimers.clear();
      if (hoursTimer) clearInterval(hoursTimer);
    },
  };

  async function holds(member: InboxMember, sessionId: string): Promise<Refusal> {
    const missing = await knownSession(member.businessId, sessionId);
    if (missing) return missing;
    const conversation = await repos.conversations.readConversation(member.businessId, sessionId);
    if (conversation.mode !== "human" || conversation.agentId !== member.agentId) {
      return { code: "conflict", message: "Claim the conversation before answering in it." };
    }
    return null;
  }
}

export type Conversations = ReturnType<typeof createConversations>;
