import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "X-Supportal-Signature";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub signs its webhooks. */
export const signPayload = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export const generateWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;
