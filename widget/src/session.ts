import { SESSION_ID_PATTERN } from "./limits";

/** 128 random bits as base64url without padding: 22 characters, within the server's pattern. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export const sessionKey = (business: number) => `supportal:session:${business}`;

/**
 * The visitor's session for this business, kept across reloads. Storage can be missing or throw
 * (privacy modes, sandboxed frames); the conversation then lasts as long as the page.
 */
export function loadSession(storage: Storage | undefined, business: number): string {
  try {
    const stored = storage?.getItem(sessionKey(business));
    if (stored && SESSION_ID_PATTERN.test(stored)) return stored;
  } catch {}
  return saveSession(storage, business, newSessionId());
}

export function saveSession(storage: Storage | undefined, business: number, id: string): string {
  try {
    storage?.setItem(sessionKey(business), id);
  } catch {}
  return id;
}
