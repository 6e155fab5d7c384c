import type { Repositories } from "../db/repositories";
import type { CapScope } from "./cap-hits-repo";
import type { CapReservations } from "./cap-reservations";
import { BUSINESS_VISITOR, ipVisitor, sessionVisitor, utcDay } from "./usage-repo";

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

const SCOPES = ["business", "session", "ip"] as const;

/**
 * The daily cap of each business, and each visitor's bounded share of it, so that one stranger
 * cannot switch a business's chat off for the day. Stored counters (updated with each message) plus
 * the places held by messages accepted but not stored yet (`reservations`: in this process, or
 * shared by every instance), so a burst cannot slip past the cap before it is stored.
 */
export function createDailyCap(deps: {
  repos: Pick<Repositories, "capHits" | "usage">;
  now: () => Date;
  config: DailyCapConfig;
  reservations: CapReservations;
}) {
  let prunedDay = "";

  const keysOf = (visitor: Visitor) => ({
    business: BUSINESS_VISITOR,
    session: sessionVisitor(visitor.sessionId),
    ip: ipVisitor(visitor.ip),
  });

  async function pruneOnNewDay(day: string) {
    if (day === prunedDay) return;
    prunedDay = day;
    await deps.repos.usage.pruneVisitorUsage(day);
    const cutoff = new Date(`${day}T00:00:00Z`);
    cutoff.setUTCDate(cutoff.getUTCDate() - CAP_HIT_RETENTION_DAYS);
    await deps.repos.capHits.pruneCapHits(utcDay(cutoff.toISOString()));
  }

  return {
    /**
     * Admits one more message from this visitor, or names the scope whose cap it would pass. An
     * admitted message holds its place from before the counters are read, so messages admitted at
     * the same time (on any instance) see each other; call `release` once it is stored (its counters
     * then take over) or dropped unstored.
     */
    async admit(visitor: Visitor): Promise<{ refused: CapScope } | { release: () => void }> {
      const keys = keysOf(visitor);
      const { held, release } = await deps.reservations.hold(
        visitor.businessId,
        SCOPES.map((scope) => keys[scope]),
      );
      try {
        const day = utcDay(deps.now().toISOString());
        await pruneOnNewDay(day);
        const used = await deps.repos.usage.readUsage(visitor.businessId, day, Object.values(keys));
        const limits = capLimits(deps.config, visitor.dailyMessageLimit);
        // The places held include this message's own.
        const refused = SCOPES.find((scope, i) => (used.get(keys[scope]) ?? 0) + held[i]! > limits[scope]);
        if (refused) {
          release();
          return { refused };
        }
        return { release };
      } catch (error) {
        release();
        throw error;
      }
    },

    /** Records that `scope` refused this visitor, for the owner's dashboard. */
    async refused(visitor: Visitor, scope: CapScope) {
      const now = deps.now().toISOString();
      await deps.repos.capHits.recordCapHit({
        businessId: visitor.businessId,
        day: utcDay(now),
        scope,
        visitor: scope === "business" ? "" : scope === "session" ? visitor.sessionId : visitor.ip,
        sessionId: visitor.sessionId,
        ip: visitor.ip,
        now,
        withTopVisitors: scope === "business",
      });
    },
  };
}

export type DailyCap = ReturnType<typeof createDailyCap>;
