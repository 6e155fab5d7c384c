import { AgentClientFrame, type AgentServerFrame, MAX_FRAME_BYTES } from "@supportal/shared";
import * as z from "zod/mini";
import type { Db } from "../db/client";
import { findPrincipal } from "../http/auth";
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
}

export interface AgentWebSocket {
  data: AgentSocketData;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

const send = (ws: { send(text: string): void }, frame: AgentServerFrame) => ws.send(JSON.stringify(frame));

/** `/ws/agent/:businessId`: the first frame authenticates (`auth`), then inbox actions, each answered by pushes. */
export function createAgentSockets(deps: { db: Db; adminToken: string; conversations: Conversations }) {
  const { conversations } = deps;
  let ownerSerial = 0;

  function authenticate(ws: AgentWebSocket, token: string, name: string | undefined) {
    const principal = findPrincipal(deps, token);
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
    conversations.joinInbox(member);
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
          ? conversations.claim(member, frame.sessionId)
          : frame.type === "reply"
            ? conversations.reply(member, frame.sessionId, frame.message)
            : frame.type === "typing"
              ? conversations.agentTyping(member, frame.sessionId)
              : frame.type === "handback"
                ? conversations.handBack(member, frame.sessionId)
                : conversations.close(member, frame.sessionId);
      if (refusal) send(ws, { type: "error", ...refusal });
    },

    close(ws: AgentWebSocket) {
      if (ws.data.authTimer) clearTimeout(ws.data.authTimer);
      if (ws.data.member) conversations.leaveInbox(ws.data.member);
    },
  };
}

export type AgentSockets = ReturnType<typeof createAgentSockets>;
