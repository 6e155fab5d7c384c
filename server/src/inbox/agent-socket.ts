import { AgentClientFrame, type AgentServerFrame, MAX_FRAME_BYTES } from "@supportal/shared";
import * as z from "zod/mini";
import { turnErrorFrame } from "../chat/turn-error";
import { type AuthDeps, findPrincipal } from "../http/auth";
import { describeIssues } from "../http/read-json";
import type { Conversations, InboxMember } from "./conversations";

// An inbox that has not said who it is within this time is closed: it holds a socket for nothing.
const AUTH_TIMEOUT_MS = 10_000;

/** What each agent socket carries. */
export interface AgentSocketData {
  kind: "agent";
  businessId: number;
  member: InboxMember | null;
  authTimer: ReturnType<typeof setTimeout> | null;
  /** The frame being handled: each waits for the one before it (reads are async). */
  handling?: Promise<void>;
}

export interface AgentWebSocket {
  data: AgentSocketData;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

const send = (ws: { send(text: string): void }, frame: AgentServerFrame) => ws.send(JSON.stringify(frame));

/** `/ws/agent/:businessId`: the first frame authenticates (`auth`), then inbox actions, each answered by pushes. */
export function createAgentSockets(deps: AuthDeps & { conversations: Conversations }) {
  const { conversations } = deps;
  let ownerSerial = 0;

  async function authenticate(ws: AgentWebSocket, token: string, name: string | undefined) {
    const principal = await findPrincipal(deps, token);
    const businessId = ws.data.businessId;
    if (!principal) {
      send(ws, { type: "error", code: "unauthorized", message: "The token is not valid." });
      return ws.close(4401, "unauthorized");
    }
    if (principal.kind !== "admin" && principal.businessId !== businessId) {
      send(ws, { type: "error", code: "forbidden", message: "This token belongs to another business." });
      return ws.close(4403, "forbidden");
    }
    const member: InboxMember =
      principal.kind === "agent"
        ? { businessId, agentId: principal.agentId, name: principal.name, socket: ws }
        : // Owners answer under a name of their choosing, with an id no agent row can have.
          { businessId, agentId: -++ownerSerial, name: name ?? "Support", socket: ws };
    ws.data.member = member;
    await conversations.joinInbox(member);
  }

  function decode(raw: string | ArrayBuffer | Uint8Array): AgentClientFrame | string {
    if (typeof raw !== "string") return "Send frames as JSON text, not binary.";
    if (Buffer.byteLength(raw) > MAX_FRAME_BYTES) return `Frames may be at most ${MAX_FRAME_BYTES} bytes.`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return "The frame is not valid JSON.";
    }
    const parsed = z.safeParse(AgentClientFrame, value);
    return parsed.success ? parsed.data : `The frame is not valid: ${describeIssues(parsed.error.issues)}.`;
  }

  return {
    open(ws: AgentWebSocket) {
      ws.data.authTimer = setTimeout(() => {
        send(ws, { type: "error", code: "unauthorized", message: "Send an auth frame first." });
        ws.close(4401, "unauthorized");
      }, AUTH_TIMEOUT_MS);
    },

    receive(ws: AgentWebSocket, raw: string | ArrayBuffer | Uint8Array) {
      const previous = ws.data.handling ?? Promise.resolve();
      ws.data.handling = previous
        .then(() => handle(ws, raw))
        // A storage failure while acting is an error frame by the chat's mapping, never a crash.
        .catch((error: unknown) => ws.send(JSON.stringify(turnErrorFrame(error, "inbox frame"))));
    },

    close(ws: AgentWebSocket) {
      if (ws.data.authTimer) clearTimeout(ws.data.authTimer);
      const member = ws.data.member;
      if (!member) return;
      // Left after whatever it was still doing, so that a join being handled is undone too.
      void (ws.data.handling ?? Promise.resolve())
        .then(() => conversations.leaveInbox(member))
        .catch((error: unknown) => console.error("[supportal] leaving the inbox failed", error));
    },
  };

  async function handle(ws: AgentWebSocket, raw: string | ArrayBuffer | Uint8Array) {
    const frame = decode(raw);
    if (typeof frame === "string")
      return send(ws, { type: "error", code: "invalid_message", message: frame });
    if (frame.type === "ping") return send(ws, { type: "pong" });
    const member = ws.data.member;
    if (frame.type === "auth") {
      if (member) return send(ws, { type: "error", code: "conflict", message: "Already signed in." });
      if (ws.data.authTimer) clearTimeout(ws.data.authTimer);
      return authenticate(ws, frame.token, frame.name);
    }
    if (!member) {
      send(ws, { type: "error", code: "unauthorized", message: "Send an auth frame first." });
      return ws.close(4401, "unauthorized");
    }
    const refusal =
      frame.type === "claim"
        ? await conversations.claim(member, frame.sessionId)
        : frame.type === "reply"
          ? await conversations.reply(member, frame.sessionId, frame.message)
          : frame.type === "typing"
            ? await conversations.agentTyping(member, frame.sessionId)
            : frame.type === "handback"
              ? await conversations.handBack(member, frame.sessionId)
              : await conversations.close(member, frame.sessionId);
    if (refusal) send(ws, { type: "error", ...refusal });
  }
}

export type AgentSockets = ReturnType<typeof createAgentSockets>;
