import type { Db } from "../db/client";
import { type CapScope, pruneCapHits, recordCapHit } from "./cap-hits-repo";
import {
  BUSINESS_VISITOR,
  ipVisitor,
  pruneVisitorUsage,
  readUsage,
  sessionVisitor,
  topVisitors,
  utcDay,
} from "./usage-repo";

export interface DailyCapConfig {
  /** The server's cap per business and UTC day, for businesses without their own. */
  dailyMessageLimit: number;
  /** The share (percent) of a business's cap one chat session, and one client address, may use. */
  sessionDailySharePercent: number;
  ipDailySharePercent: number;
}

// Cap hits are shown for the last 30 days; a little more is kept, then pruned.
const CAP_HIT_RETENTION_DAYS = 90;

/** A share of the cap, never less than one message, so a tiny cap still lets each visitor speak. */
export const shareOf = (cap: number, percent: number) => Math.max(1, Math.floor((cap * percent) / 100));

export function capLimits(config: DailyCapConfig, businessLimit: number | null) {
  const cap = businessLimit ?? config.dailyMessageLimit;
  return {
    business: cap,
    session: shareOf(cap, config.sessionDailySharePercent),
    ip: shareOf(cap, config.ipDailySharePercent),
  };
}

interface Visitor {
  businessId: number;
  dailyMessageLimit: number | null;
  sessionId: string;
  ip: string;
}

/**
 * The daily cap of each business, and each visitor's bounded share of it, so that one stranger
 * cannot switch a business's chat off for the day. Stored counters (updated with each message) plus
 * the messages accepted but still queued, so a burst cannot slip past the cap before it is stored.
 */
export function createDailyCap(deps: { db: Db; now: () => Date; config: DailyCapConfig }) {
  const reserved = new Map<string, number>();
  let prunedDay = "";

  const keysOf = (visitor: Visitor) => ({
    business: BUSINESS_VISITOR,
    session: sessionVisitor(visitor.sessionId),
    ip: ipVisitor(visitor.ip),
  });
  const reservedKey = (businessId: number, key: string) => `${businessId}|${key}`;

  function pruneOnNewDay(day: string) {
    if (day === prunedDay) return;
    prunedDay = day;
    pruneVisitorUsage(deps.db, day);
    const cutoff = new Date(`${day}T00:00:00Z`);
    cutoff.setUTCDate(cutoff.getUTCDate() - CAP_HIT_RETENTION_DAYS);
    pruneCapHits(deps.db, utcDay(cutoff.toISOString()));
  }

  return {
    /** The scope whose cap one more message from this visitor would pass, or null to accept it. */
    check(visitor: Visitor): CapScope | null {
      const day = utcDay(deps.now().toISOString());
      pruneOnNewDay(day);
      const keys = keysOf(visitor);
      const used = readUsage(deps.db, visitor.businessId, day, Object.values(keys));
      const limits = capLimits(deps.config, visitor.dailyMessageLimit);
      for (const scope of ["business", "session", "ip"] as const) {
        const key = keys[scope];
        const count = (used.get(key) ?? 0) + (reserved.get(reservedKey(visitor.businessId, key)) ?? 0);
        if (count >= limits[scope]) return scope;
      }
      return null;
    },

    /**
     * Holds a place for a message accepted but not stored yet. Call the returned function right
     * before the message is stored (its counters then take over), or when it is dropped unstored.
     */
    reserve(visitor: Visitor): () => void {
      const keys = Object.values(keysOf(visitor)).map((key) => reservedKey(visitor.businessId, key));
      for (const key of keys) reserved.set(key, (reserved.get(key) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const key of keys) {
          const left = (reserved.get(key) ?? 1) - 1;
          if (left > 0) reserved.set(key, left);
          else reserved.delete(key);
        }
      };
    },

    /** Records that `scope` refused this visitor, for the owner's dashboard. */
    refused(visitor: Visitor, scope: CapScope) {
      const now = deps.now().toISOString();
      const day = utcDay(now);
      recordCapHit(deps.db, {
        businessId: visitor.businessId,
        day,
        scope,
        visitor: scope === "business" ? "" : scope === "session" ? visitor.sessionId : visitor.ip,
        sessionId: visitor.sessionId,
        ip: visitor.ip,
        now,
        top: scope === "business" ? () => topVisitors(deps.db, visitor.businessId, day) : undefined,
      });
    },
  };
}

export type DailyCap = ReturnType<typeof createDailyCap>;
