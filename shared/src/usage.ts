import * as z from "zod/mini";

/** Where a daily cap refused a customer: the business's whole cap, or one visitor's share of it. */
export const CapScope = z.enum(["business", "session", "ip"]);
export type CapScope = z.infer<typeof CapScope>;

/** One day on which a cap refused customers, once per scope and visitor. */
export const CapHit = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  scope: CapScope,
  /** The chat and the client address of the first refused message. */
  sessionId: z.string(),
  ip: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** Messages refused that day in this scope. */
  refused: z.int(),
  /** On the business's cap: the chats and addresses that had sent the most that day. */
  topVisitors: z.array(z.object({ kind: z.enum(["session", "ip"]), id: z.string(), messages: z.int() })),
});
export type CapHit = z.infer<typeof CapHit>;

/** A site the business's allowed origins refused (widget config or chat handshake). */
export const RefusedOrigin = z.object({
  /** The Origin the browser sent; "" when the request sent none. */
  origin: z.string(),
  attempts: z.int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type RefusedOrigin = z.infer<typeof RefusedOrigin>;

/** `GET /api/businesses/:id/limits`: today's use of the daily cap, cap hits and refused origins. */
export const LimitsReport = z.object({
  today: z.object({
    day: z.string(),
    /** Customer messages stored today (UTC). */
    messages: z.int(),
    /** The business's daily cap, and the share of it one chat and one client address may use. */
    dailyLimit: z.int(),
    sessionLimit: z.int(),
    ipLimit: z.int(),
  }),
  /** The last 30 days, newest first. */
  capHits: z.array(CapHit),
  /** The most recent refused origins, newest first (at most 20 are kept). */
  refusedOrigins: z.array(RefusedOrigin),
});
export type LimitsReport = z.infer<typeof LimitsReport>;
