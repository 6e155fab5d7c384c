import type { ComposeDeps } from "../chat/compose-reply";
import { type CuratedMatcher, createCuratedMatcher } from "../curated/curated-matcher";
import { curatedMatchFor } from "../curated/curated-threshold";
import type { Repositories } from "../db/repositories";
import type { SettledDocument } from "../documents/ingest-document";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import { type CheckRunner, createCheckRunner } from "./check-runner";
import { headingQuestions } from "./starter-checks";

export interface QualityLoop {
  curated: CuratedMatcher;
  checks: CheckRunner;
  /** A document ended ready or failed: starter checks from its headings, and the checks run again. */
  documentSettled(settled: SettledDocument): Promise<void>;
  /** A document was deleted: the checks run again. */
  documentDeleted(businessId: number, name: string): void;
  stop(): Promise<void>;
}

/** Curated answers matched before retrieval, and golden questions that follow every ingestion change. */
export function createQualityLoop(
  deps: Omit<ComposeDeps, "curated" | "repos"> & {
    repos: Pick<Repositories, "businesses" | "checks" | "curated" | "documents" | "suggestions">;
    webhooks: Pick<WebhookDispatcher, "emit">;
    now: () => Date;
  },
): QualityLoop {
  const curated = createCuratedMatcher({
    repos: deps.repos,
    embedder: deps.embedder,
    settings: curatedMatchFor(deps.embedder.id),
  });
  const checks = createCheckRunner({
    repos: deps.repos,
    now: deps.now,
    webhooks: deps.webhooks,
    compose: { ...deps, curated },
  });
  return {
    curated,
    checks,
    async documentSettled(settled) {
      checks.documentsChanged(settled.businessId, `${settled.name} ${settled.status}`);
      if (settled.status === "ready") {
        const questions = headingQuestions(settled.chunks);
        await deps.repos.suggestions.storeSuggestions(
          { businessId: settled.businessId, id: settled.documentId },
          questions,
          deps.now().toISOString(),
        );
      }
    },
    documentDeleted(businessId, name) {
      checks.documentsChanged(businessId, `${name} deleted`);
    },
    stop: () => checks.stop(),
  };
}
