import type { PublicConfig as PublicConfigSchema, ServerFrame as ServerFrameSchema } from "@supportal/shared";
import {
  array,
  boolean,
  type Infer,
  int,
  literal,
  nullable,
  number,
  object,
  optional,
  string,
  union,
} from "./guard";

// Mirrors of shared/src/protocol.ts and rest.ts; the type assertions below fail the type check if
// the two ever differ.

const Source = object({
  documentId: number,
  documentName: string(),
  snippet: string(),
  page: optional(number),
  heading: optional(string()),
  title: optional(string()),
});

const Message = object({
  type: literal("message"),
  id: string(),
  sender: literal("user", "assistant", "agent", "system"),
  message: string(),
  timestamp: string(),
  sources: optional(array(Source)),
  agentName: optional(string()),
});

export const isServerFrame = union(
  object({ type: literal("history"), messages: array(Message) }),
  Message,
  object({ type: literal("typing"), sender: literal("assistant", "agent") }),
  object({ type: literal("delta"), id: string(), delta: string() }),
  object({ type: literal("pong") }),
  // Error codes stay open: a server that adds one (an additive change) must still be understood.
  // `clientId` (on echoes and errors) is only ever compared with the widget's own ids, never shown,
  // so it is left unchecked here to keep the bundle within its budget.
  object({ type: literal("error"), code: string(), message: string() }),
  object({
    type: literal("status"),
    mode: literal("ai", "waiting", "human", "closed"),
    agent: optional(object({ name: string() })),
    agentsAvailable: boolean,
    handoffEnabled: optional(boolean),
  }),
);

export const isPublicConfig = object({
  id: int,
  name: string(),
  greeting: nullable(string()),
  theme: object({
    color: optional(string(/^#[0-9a-fA-F]{6}$/)),
    title: optional(string(undefined, 80)),
    position: optional(literal("right", "left")),
  }),
  handoffEnabled: optional(boolean),
});

/** A server frame as the widget accepts it: the shared type, with any error code. */
export type Frame =
  | Exclude<ServerFrameSchema, { type: "error" }>
  | { type: "error"; code: string; message: string; clientId?: string };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type GuardsMatchSharedSchemas = [
  Assert<Same<Infer<typeof isServerFrame>, Frame>>,
  Assert<Same<Infer<typeof isPublicConfig>, PublicConfigSchema>>,
];

/** Parses one WebSocket payload; anything that is not a valid server frame is dropped. */
export function decodeFrame(data: unknown): Frame | undefined {
  if (typeof data !== "string") return;
  try {
    const frame: unknown = JSON.parse(data);
    return isServerFrame(frame) ? frame : undefined;
  } catch {
    return;
  }
}
