import { randomBytes } from "node:crypto";

const TOKEN_PATTERN = /^sa_(\d{1,15})_([A-Za-z0-9_-]{32})$/;

/** An agent token: the agent's id finds the row, 192 random bits make it unguessable. */
export function generateAgentToken(agentId: number): string {
  return `sa_${agentId}_${randomBytes(24).toString("base64url")}`;
}

export function parseAgentToken(token: string): { agentId: number } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match?.[1]) return null;
  return { agentId: Number(match[1]) };
}
