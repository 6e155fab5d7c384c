import {
  type ClientFrame,
  ClientFrame as ClientFrameSchema,
  ClientId,
  ContactFrame,
  type ErrorFrame,
  FeedbackFrame,
  HandoffFrame,
  MAX_FRAME_BYTES,
  PingFrame,
  UserFrame,
  VisitorTypingFrame,
} from "@supportal/shared";
import * as z from "zod";
import { describeIssues } from "../http/read-json";

const KNOWN_TYPES = ["user", "ping", "handoff", "contact", "typing", "feedback"];

// Each type's own schema, tried first: only it can match a frame of that type, and a customer message
// (the union's last option) otherwise paid for five failed parses first. The union still words the
// error when the frame is wrong.
const SCHEMA_OF_TYPE = new Map<unknown, z.core.$ZodType<ClientFrame>>([
  [undefined, UserFrame],
  ["user", UserFrame],
  ["ping", PingFrame],
  ["handoff", HandoffFrame],
  ["contact", ContactFrame],
  ["typing", VisitorTypingFrame],
  ["feedback", FeedbackFrame],
]);

/** Decodes one raw socket frame; every way it can be wrong becomes an `error` frame, never a throw. */
export function readClientFrame(raw: string | ArrayBuffer | Uint8Array): ClientFrame | ErrorFrame {
  if (typeof raw !== "string") {
    return { type: "error", code: "invalid_message", message: "Send frames as JSON text, not binary." };
  }
  if (Buffer.byteLength(raw) > MAX_FRAME_BYTES) {
    return {
      type: "error",
      code: "message_too_large",
      message: `Frames may be at most ${MAX_FRAME_BYTES} bytes.`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { type: "error", code: "invalid_message", message: "The frame is not valid JSON." };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { type: "error", code: "invalid_message", message: "A frame must be one JSON object." };
  }
  const own = SCHEMA_OF_TYPE.get((value as { type?: unknown }).type);
  const ownParsed = own && z.safeParse(own, value);
  if (ownParsed?.success) return ownParsed.data;
  const parsed = z.safeParse(ClientFrameSchema, value);
  if (parsed.success) return parsed.data;
  const message =
    "type" in value && !KNOWN_TYPES.includes(value.type as string)
      ? `Unknown frame type ${JSON.stringify(value.type).slice(0, 40)}; send one of ${KNOWN_TYPES.join(", ")}.`
      : `The message is not valid: ${describeIssues(parsed.error.issues)}.`;
  // A refused message still names itself, so the widget marks that one (and only that one) unsent.
  const clientId = "clientId" in value ? z.safeParse(ClientId, value.clientId) : undefined;
  return {
    type: "error",
    code: "invalid_message",
    message,
    ...(clientId?.success ? { clientId: clientId.data } : {}),
  };
}
