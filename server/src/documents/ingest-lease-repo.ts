import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { documents, ingestLeases } from "../db/schema";

/**
 * Leases on ingestion, one per business: the instance holding a business's lease is the only one
 * that ingests its documents (and so writes its vector table) until the lease runs out. A holder
 * renews it while it works; a crashed holder's lease simply expires and another instance takes over.
 */
export interface IngestLeaseRepo {
  /** Takes the business's lease for `owner` (or renews it when `owner` holds it); false: another holds it. */
  claim(input: {
    businessId: number;
    documentId: number;
    owner: string;
    now: string;
    until: string;
  }): Promise<boolean>;
  /** Extends the lease while `owner` still holds it; false: it was lost (expired and taken). */
  renew(input: { businessId: number; owner: string; until: string }): Promise<boolean>;
  release(input: { businessId: number; owner: string }): Promise<void>;
  /**
   * Takes one unfinished document whose business no one holds a lease on (never queued anywhere,
   * or left by a crashed instance), with the lease; undefined when there is none.
   */
  claimNext(input: {
    owner: string;
    now: string;
    until: string;
  }): Promise<{ documentId: number; businessId: number } | undefined>;
}

// One guarded statement takes or steals: the row is written only where there is none, it has
// expired, or `owner` already holds it. SQLite runs writes one at a time, so of two claims exactly
// one sees the row free.
function claim(
  db: Db,
  input: { businessId: number; documentId: number; owner: string; now: string; until: string },
) {
  const rows = db
    .insert(ingestLeases)
    .values({
      businessId: input.businessId,
      documentId: input.documentId,
      owner: input.owner,
      until: input.until,
    })
    .onConflictDoUpdate({
      target: ingestLeases.businessId,
      set: { documentId: input.documentId, owner: input.owner, until: input.until },
      setWhere: or(lt(ingestLeases.until, input.now), eq(ingestLeases.owner, input.owner)),
    })
    .returning({ owner: ingestLeases.owner })
    .all();
  return rows.length > 0;
}

export function createSqliteIngestLeaseRepo(db: Db): IngestLeaseRepo {
  return {
    claim: async (input) => claim(db, input),
    renew: async (input) =>
      db
        .update(ingestLeases)
        .set({ until: input.until })
        .where(and(eq(ingestLeases.businessId, input.businessId), eq(ingestLeases.owner, input.owner)))
        .returning({ owner: ingestLeases.owner })
        .all().length > 0,
    release: async (input) => {
      db.delete(ingestLeases)
        .where(and(eq(ingestLeases.businessId, input.businessId), eq(ingestLeases.owner, input.owner)))
        .run();
    },
    claimNext: async (input) =>
      db.transaction(() => {
        const [next] = db
          .select({ documentId: documents.id, businessId: documents.businessId })
          .from(documents)
          .leftJoin(ingestLeases, eq(ingestLeases.businessId, documents.businessId))
          .where(
            and(
              inArray(documents.status, ["pending", "processing"]),
              or(isNull(ingestLeases.businessId), lt(ingestLeases.until, input.now)),
            ),
          )
          .orderBy(asc(documents.id))
          .limit(1)
          .all();
        if (!next || !claim(db, { ...next, ...input })) return undefined;
        return next;
      }),
  };
}
