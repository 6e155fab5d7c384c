import { and, eq, lt, or, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { ingestLeases } from "../db/pg-schema";
import type { IngestLeaseRepo } from "./ingest-lease-repo";

type Executor = Pick<PgDb, "insert">;

// The same guarded upsert as on SQLite: PostgreSQL re-checks the WHERE on the row it locks, so of
// two instances claiming at once exactly one writes.
async function claim(
  executor: Executor,
  input: { businessId: number; documentId: number; owner: string; now: string; until: string },
) {
  const rows = await executor
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
    .returning({ owner: ingestLeases.owner });
  return rows.length > 0;
}

/** Ingestion leases on PostgreSQL: the next job is picked with FOR UPDATE SKIP LOCKED. */
export function pgIngestLeaseRepo(db: PgDb): IngestLeaseRepo {
  return {
    claim: (input) => claim(db, input),
    renew: async (input) =>
      (
        await db
          .update(ingestLeases)
          .set({ until: input.until })
          .where(and(eq(ingestLeases.businessId, input.businessId), eq(ingestLeases.owner, input.owner)))
          .returning({ owner: ingestLeases.owner })
      ).length > 0,
    release: async (input) => {
      await db
        .delete(ingestLeases)
        .where(and(eq(ingestLeases.businessId, input.businessId), eq(ingestLeases.owner, input.owner)));
    },
    claimNext: (input) =>
      db.transaction(async (tx) => {
        // Rows another instance is claiming right now are skipped, not waited for.
        const [next] = await tx.execute(sql`
          select d.id as "documentId", d.business_id as "businessId"
          from documents d left join ingest_leases l on l.business_id = d.business_id
          where d.status in ('pending', 'processing') and (l.business_id is null or l.until < ${input.now})
          order by d.id
          limit 1
          for update of d skip locked`);
        if (!next) return undefined;
        const job = { documentId: Number(next.documentId), businessId: Number(next.businessId) };
        return (await claim(tx, { ...job, ...input })) ? job : undefined;
      }),
  };
}
