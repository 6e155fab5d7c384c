import * as z from "zod/mini";
import { ErrorCode } from "./errors";
import { LANGUAGE_TAG_PATTERN, MAX_CLIENT_ID_CHARS, MAX_MESSAGE_CHARS } from "./limits";
import { ContactInput, ConversationMode } from "./people";

export const Sender = z.enum(["user", "assistant", "agent", "system"]);
export type Sender = z.infer<typeof Sender>;

export const Source = z.object({
  documentId: z.number(),
  documentName: z.string(),
  snippet: z.string(),
  page: z.optional(z.number()),
  /** The section the passage is in (its nearest heading). */
  heading: z.optional(z.string()),
  /** The document's title (its first heading, or the one its owner gave it): what to show for it. */
  title: z.optional(z.string()),
  /** Set when the answer is a curated answer (the owner's own): its id. */
  curated: z.optional(z.int()),
});
export type Source = z.infer<typeof Source>;

/** A stored chat message; `message`, `sender` and `timestamp` keep django-supportal's format. */
export const Message = z.object({
  type: z.literal("message"),
  id: z.string(),
  sender: Sender,
  message: z.string(),
  timestamp: z.string(),
  sources: z.optional(z.array(Source)),
  /** On `sender:"agent"`: the person who wrote it. */
  agentName: z.optional(z.string()),
  /** On the echo of a customer message: the `clientId` its `user` frame carried. */
  clientId: z.optional(z.string()),
});
export type Message = z.infer<typeof Message>;

/** A client's id for one of its messages (contract v1.1). */
export const ClientId = z.string().check(z.minLength(1), z.maxLength(MAX_CLIENT_ID_CHARS));

export const UserFrame = z.object({
  type: z.optional(z.literal("user")),
  message: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
  /** The visitor's language (BCP 47); when the message does not show its own, replies use this one. */
  lang: z.optional(z.string().check(z.regex(LANGUAGE_TAG_PATTERN))),
  /** The client's own id for this message; its echo and any error about it carry the same. */
  clientId: z.optional(ClientId),
});
export const PingFrame = z.object({ type: z.literal("ping") });

/** Client to server. `type` may be left out on a user message, as django-supportal's clients do. */
/** The visitor asks for a person; `lang` is the widget's language, for the notices they get. */
export const HandoffFrame = z.object({
  type: z.literal("handoff"),
  lang: z.optional(z.string().check(z.regex(LANGUAGE_TAG_PATTERN))),
});
export const ContactFrame = z.extend(ContactInput, { type: z.literal("contact") });
/** The visitor is typing: shown to the person answering. */
export const VisitorTypingFrame = z.object({ type: z.literal("typing") });

export const Rating = z.enum(["up", "down"]);
export type Rating = z.infer<typeof Rating>;
export const MAX_FEEDBACK_COMMENT_CHARS = 1000;

/** Client to server: a rating of one assistant answer of this session; a later one replaces it. */
export const FeedbackFrame = z.object({
  type: z.literal("feedback"),
  messageId: z.string().check(z.minLength(1), z.maxLength(100)),
  rating: Rating,
  comment: z.optional(z.string().check(z.trim(), z.maxLength(MAX_FEEDBACK_COMMENT_CHARS))),
});
export type FeedbackFrame = z.infer<typeof FeedbackFrame>;

export const ClientFrame = z.union([
  FeedbackFrame,
  PingFrame,
  HandoffFrame,
  ContactFrame,
  VisitorTypingFrame,
  UserFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const HistoryFrame = z.object({ type: z.literal("history"), messages: z.array(Message) });
export const TypingFrame = z.object({ type: z.literal("typing"), sender: z.enum(["assistant", "agent"]) });
export const StatusFrame = z.object({
  type: z.literal("status"),
  mode: ConversationMode,
  agent: z.optional(z.object({ name: z.string() })),
  agentsAvailable: z.boolean(),
  /** Whether the business lets visitors ask for a person (the widget shows its button then). */
  handoffEnabled: z.optional(z.boolean()),
});
export type StatusFrame = z.infer<typeof StatusFrame>;
export const DeltaFrame = z.object({ type: z.literal("delta"), id: z.string(), delta: z.string() });
export const PongFrame = z.object({ type: z.literal("pong") });
export const ErrorFrame = z.object({
  type: z.literal("error"),
  code: ErrorCode,
  message: z.string(),
  /** Set when the error is about one message: the `clientId` that message's frame carried. */
  clientId: z.optional(z.string()),
});

/** Server to client. */
export const ServerFrame = z.discriminatedUnion("type", [
  HistoryFrame,
  Message,
  TypingFrame,
  DeltaFrame,
  PongFrame,
  ErrorFrame,
  StatusFrame,
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;
export type DeltaFrame = z.infer<typeof DeltaFrame>;
export type HistoryFrame = z.infer<typeof HistoryFrame>;
