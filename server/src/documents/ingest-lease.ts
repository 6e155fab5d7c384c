import type { Repositories } from "../db/repositories";

/** How this instance holds ingestion leases. */
export interface LeaseSettings {
  /** This instance's id (`ensureInstanceId`). */
  owner: string;
  /** How long a lease lasts unless renewed: how long a crashed instance's job waits for another. */
  leaseMs: number;
}

/** A business's ingestion lease while this instance holds it. */
export interface HeldLease {
  /** Renews the lease; false when it was lost (it ran out and another instance took it). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

// Renewed three times a lease, so one late renewal (a long extraction step, a slow database) does not lose it.
const RENEWALS_PER_LEASE = 3;

/**
 * Takes the business's ingestion lease for this instance, or null when another instance holds it.
 * While held it is renewed on a timer too, for steps longer than a lease (a large extraction).
 */
export async function holdLease(
  deps: { repos: Pick<Repositories, "ingestLeases">; now: () => Date; lease: LeaseSettings },
  job: { businessId: number; documentId: number },
): Promise<HeldLease | null> {
  const { owner, leaseMs } = deps.lease;
  const until = () => new Date(deps.now().getTime() + leaseMs).toISOString();
  const claimed = await deps.repos.ingestLeases.claim({
    ...job,
    owner,
    now: deps.now().toISOString(),
    until: until(),
  });
  if (!claimed) return null;
  let lost = false;
  const renew = async () => {
    if (lost) return false;
    lost = !(await deps.repos.ingestLeases.renew({ businessId: job.businessId, owner, until: until() }));
    return !lost;
  };
  const timer = setInterval(() => {
    renew().catch((error: unknown) =>
      console.warn("[supportal] an ingestion lease could not be renewed", error),
    );
  }, leaseMs / RENEWALS_PER_LEASE);
  (timer as { unref?: () => void }).unref?.();
  return {
    renew,
    async release() {
      clearInterval(timer);
      if (!lost) await deps.repos.ingestLeases.release({ businessId: job.businessId, owner });
    },
  };
}
