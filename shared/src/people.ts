import * as z from "zod/mini";
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from "./limits";

/** Who answers a conversation: the assistant, nobody yet (waiting for a person), a person, or no one. */
export const ConversationMode = z.enum(["ai", "waiting", "human", "closed"]);
export type ConversationMode = z.infer<typeof ConversationMode>;

export const ChatLanguage = z.enum(["en", "de", "fr", "es"]);
export type ChatLanguage = z.infer<typeof ChatLanguage>;

// Deliberately loose (one @, a dot in the domain, no spaces): the address is only ever shown to a
// person of the business, who writes to it; stricter checks refuse real addresses.
export const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
export const MAX_EMAIL_CHARS = 254;

/** What a visitor leaves when nobody is available. */
export const ContactInput = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.maxLength(MAX_EMAIL_CHARS),
      z.regex(EMAIL_PATTERN, "an email address like anna@example.com"),
    ),
  name: z.optional(z.string().check(z.trim(), z.maxLength(MAX_NAME_CHARS))),
  message: z.optional(z.string().check(z.trim(), z.maxLength(MAX_MESSAGE_CHARS))),
});
export type ContactInput = z.infer<typeof ContactInput>;
export const Contact = z.extend(ContactInput, { at: z.string() });
export type Contact = z.infer<typeof Contact>;

export const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export type Weekday = z.infer<typeof Weekday>;
const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 09:00"));

/** Weekly opening hours in one IANA time zone; outside them nobody is available. */
export const BusinessHours = z.object({
  timeZone: z
    .string()
    .check(z.minLength(1), z.maxLength(64), z.refine(isTimeZone, "an IANA time zone like Europe/Berlin")),
  /** Open spans per day, `from` before `to`, local time; a day not listed is closed. */
  weekly: z
    .array(
      z
        .object({ day: Weekday, from: ClockTime, to: ClockTime })
        .check(z.refine((span) => span.from < span.to, "from must be before to")),
    )
    .check(z.maxLength(50)),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export type BusinessHours = z.infer<typeof BusinessHours>;

export const AgentCreate = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});
export const Agent = z.object({
  id: z.int(),
  name: z.string(),
  createdAt: z.string(),
  /** True while the agent has the inbox open. */
  online: z.boolean(),
});
export type Agent = z.infer<typeof Agent>;
export const AgentWithToken = z.extend(Agent, { token: z.string() });
export type AgentWithToken = z.infer<typeof AgentWithToken>;
export const AgentList = z.object({ agents: z.array(Agent) });

export const WebhookEvent = z.enum([
  "handoff.requested",
  "contact.captured",
  "message.created",
  "conversation.closed",
  "feedback.created",
  "check.failed",
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const WebhookCreate = z.strictObject({
  url: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  events: z.array(WebhookEvent).check(z.minLength(1), z.maxLength(WebhookEvent.options.length)),
});
export const WebhookPatch = z.partial(WebhookCreate);
export const Webhook = z.object({
  id: z.int(),
  url: z.string(),
  events: z.array(WebhookEvent),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhookWithSecret = z.extend(Webhook, { secret: z.string() });
export const WebhookList = z.object({ webhooks: z.array(Webhook) });

export const DeliveryStatus = z.enum(["pending", "delivered", "failed"]);
export const WebhookDelivery = z.object({
  id: z.int(),
  webhookId: z.int(),
  event: WebhookEvent,
  status: DeliveryStatus,
  attempts: z.int(),
  /** HTTP status of the last attempt, when the receiver answered at all. */
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  nextAttemptAt: z.nullable(z.string()),
  createdAt: z.string(),
  deliveredAt: z.nullable(z.string()),
  /** The exact body that was (or will be) signed and sent. */
  payload: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });

/** `GET /api/me`: who a token is, so a dashboard knows what to show (an agent: its business's inbox). */
export const Me = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("admin") }),
  z.object({ kind: z.literal("business"), businessId: z.int() }),
  z.object({
    kind: z.literal("agent"),
    businessId: z.int(),
    agent: z.object({ id: z.int(), name: z.string() }),
  }),
]);
export type Me = z.infer<typeof Me>;
