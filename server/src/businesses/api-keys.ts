import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_PATTERN = /^sp_(\d{1,15})_([A-Za-z0-9_-]{32,64})$/;

/** A business API key: the id lets us find the row, 192 random bits make it unguessable. */
export function generateApiKey(businessId: number): string {
  return `sp_${businessId}_${randomBytes(24).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function parseApiKey(key: string): { businessId: number } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1]) return null;
  return { businessId: Number(match[1]) };
}

/** Compares hashes in constant time so response timing says nothing about how close a guess was. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
