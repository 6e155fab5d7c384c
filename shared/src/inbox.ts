import * as z from "zod/mini";
import { MAX_MESSAGE_CHARS, SESSION_ID_PATTERN } from "./limits";
import { Message } from "./protocol";
import { SessionSummary } from "./rest";

const SessionId = z.string().check(z.regex(SESSION_ID_PATTERN));

/** Agent socket, client to server. The first frame must be `auth`; the token never goes in the URL. */
export const AgentClientFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("auth"),
    token: z.string().check(z.minLength(1), z.maxLength(500)),
    /** The name shown to visitors when an owner (admin token or key) answers; agents have their own. */
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  }),
  z.object({ type: z.literal("ping") }),
  z.object({ type: z.literal("claim"), sessionId: SessionId }),
  z.object({
    type: z.literal("reply"),
    sessionId: SessionId,
    message: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
  }),
  z.object({ type: z.literal("typing"), sessionId: SessionId }),
  z.object({ type: z.literal("handback"), sessionId: SessionId }),
  z.object({ type: z.literal("close"), sessionId: SessionId }),
]);
export type AgentClientFrame = z.infer<typeof AgentClientFrame>;

export const OnlineAgent = z.object({ id: z.int(), name: z.string() });
export type OnlineAgent = z.infer<typeof OnlineAgent>;

/** Agent socket, server to client. */
export const AgentServerFrame = z.discriminatedUnion("type", [
  /** After `auth`: who you are, every conversation, and who else is online. */
  z.object({
    type: z.literal("ready"),
    agent: OnlineAgent,
    sessions: z.array(SessionSummary),
    online: z.array(OnlineAgent),
  }),
  /** A conversation changed (new message, mode, agent, contact). */
  z.object({ type: z.literal("session"), session: SessionSummary }),
  /** A message stored in a conversation, from anyone. */
  z.object({ type: z.literal("message"), sessionId: z.string(), message: Message }),
  /** The visitor (or another agent) is typing in a conversation. */
  z.object({ type: z.literal("typing"), sessionId: z.string(), sender: z.enum(["user", "agent"]) }),
  z.object({ type: z.literal("presence"), online: z.array(OnlineAgent) }),
  z.object({ type: z.literal("pong") }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
]);
export type AgentServerFrame = z.infer<typeof AgentServerFrame>;
