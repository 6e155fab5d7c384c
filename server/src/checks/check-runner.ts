import type { CheckResult, CheckRun, CheckTrigger } from "@supportal/shared";
import { type ComposeDeps, composeReply } from "../chat/compose-reply";
import type { Repositories } from "../db/repositories";
import { toAppError } from "../errors";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import type { CheckRow } from "./checks-repo";
import { type CheckReply, judgeCheck } from "./judge-check";

/**
 * After an ingestion change, wait this long for more (an upload of ten files is one run, not ten).
 * Documents still being ingested postpone the run until the last one settles.
 */
const SETTLE_MS = 300;

export interface CheckRunner {
  /** Runs every check of the business now (after any run in progress) and returns the stored run. */
  run(businessId: number, trigger: CheckTrigger, reason: string): Promise<CheckRun | null>;
  /** The documents changed (a document ready, failed or deleted): a run follows once they settle. */
  documentsChanged(businessId: number, reason: string): void;
  /** Resolves when no run is due or running for the business (for tests and the dashboard). */
  idle(businessId: number): Promise<void>;
  stop(): Promise<void>;
}

export interface CheckRunnerDeps {
  repos: Pick<Repositories, "businesses" | "checks" | "documents">;
  now: () => Date;
  compose: ComposeDeps;
  webhooks?: Pick<WebhookDispatcher, "emit">;
  settleMs?: number;
}

export function createCheckRunner(deps: CheckRunnerDeps): CheckRunner {
  // One run at a time per business: each run waits for the one before it.
  const lines = new Map<number, Promise<unknown>>();
  const pending = new Map<number, { reasons: Set<string>; timer: ReturnType<typeof setTimeout> }>();
  const controller = new AbortController();
  let stopped = false;

  function enqueue<T>(businessId: number, work: () => Promise<T>): Promise<T> {
    const previous = lines.get(businessId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    lines.set(businessId, settled);
    void settled.then(() => {
      if (lines.get(businessId) === settled) lines.delete(businessId);
    });
    return next;
  }

  async function ask(businessId: number, check: CheckRow): Promise<CheckReply> {
    const business = await deps.repos.businesses.findBusinessRow(businessId);
    if (!business) throw new Error("the business is gone");
    try {
      const reply = await composeReply(deps.compose, {
        businessId,
        business: { name: business.name, systemPrompt: business.systemPrompt },
        question: check.question,
        history: [],
        lang: null,
        signal: controller.signal,
      });
      let answer = "";
      for await (const piece of reply.pieces) answer += piece;
      return {
        answer: answer.trim() ? answer : reply.fallback,
        kind: reply.kind,
        sources: await reply.sources(),
      };
    } catch (error) {
      return { answer: toAppError(error).message, kind: "error", sources: [] };
    }
  }

  async function runNow(businessId: number, trigger: CheckTrigger, reason: string): Promise<CheckRun | null> {
    if (stopped || !(await deps.repos.businesses.findBusinessRow(businessId))) return null;
    const list = await deps.repos.checks.listCheckRows(businessId);
    if (list.length === 0) return null;
    const run = await deps.repos.checks.insertRun({
      businessId,
      trigger,
      reason,
      total: list.length,
      now: deps.now().toISOString(),
    });
    const before = await deps.repos.checks.previousResults(
      list.map((check) => check.id),
      run.id,
    );
    const results: CheckResult[] = [];
    for (const check of list) {
      if (stopped) break;
      const reply = await ask(businessId, check);
      const verdict = judgeCheck(check.expect, reply);
      results.push({
        checkId: check.id,
        question: check.question,
        ...reply,
        ...verdict,
        regression: before.get(check.id) === true && !verdict.passed,
      });
    }
    if (!(await deps.repos.businesses.findBusinessRow(businessId))) return null;
    await deps.repos.checks.finishRun(run.id, results, deps.now().toISOString());
    for (const result of results.filter((r) => !r.passed)) {
      await deps.webhooks?.emit(businessId, "check.failed", {
        runId: run.id,
        trigger,
        checkId: result.checkId,
        question: result.question,
        reason: result.reason,
        regression: result.regression,
        answer: result.answer,
      });
    }
    return (await deps.repos.checks.findRun(businessId, run.id)) ?? null;
  }

  const ingesting = async (businessId: number) =>
    (await deps.repos.documents.listDocumentRows(businessId)).some(
      (doc) => doc.status === "pending" || doc.status === "processing",
    );

  function schedule(businessId: number) {
    const entry = pending.get(businessId);
    if (!entry) return;
    entry.timer = setTimeout(async () => {
      try {
        if (stopped) return;
        // Still ingesting (or a settled document's status not written yet): look again later.
        if (await ingesting(businessId)) {
          if (pending.get(businessId) === entry) schedule(businessId);
          return;
        }
        // A newer change may have rescheduled meanwhile: that timer runs instead.
        if (pending.get(businessId) !== entry) return;
        pending.delete(businessId);
        const reason = [...entry.reasons].join("; ");
        await enqueue(businessId, () => runNow(businessId, "documents", reason));
      } catch (error) {
        console.error(`[supportal] checks of business ${businessId} failed to run`, error);
      }
    }, deps.settleMs ?? SETTLE_MS);
  }

  return {
    run: (businessId, trigger, reason) => enqueue(businessId, () => runNow(businessId, trigger, reason)),

    documentsChanged(businessId, reason) {
      if (stopped) return;
      const entry = pending.get(businessId);
      if (entry) {
        clearTimeout(entry.timer);
        entry.reasons.add(reason);
      } else pending.set(businessId, { reasons: new Set([reason]), timer: setTimeout(() => undefined, 0) });
      schedule(businessId);
    },

    async idle(businessId) {
      while (pending.has(businessId) || lines.has(businessId)) {
        await (lines.get(businessId) ?? new Promise((resolve) => setTimeout(resolve, 20)));
      }
    },

    async stop() {
      stopped = true;
      controller.abort();
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      await Promise.allSettled([...lines.values()]);
    },
  };
}
