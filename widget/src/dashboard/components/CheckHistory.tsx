import type { CheckResult, CheckRunSummary } from "@supportal/shared";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { useResource } from "../hooks/use-resource";
import { ErrorNote } from "./ErrorNote";
import { OutcomeBadges } from "./OutcomeBadges";

/** Runs read for one check's history: the newest ones, each fetched whole. */
const HISTORY_RUNS = 10;

interface HistoryEntry {
  run: CheckRunSummary;
  result: CheckResult;
}

/** One check's outcome in each recent run that had it, newest first. */
export function CheckHistory({
  api,
  businessId,
  checkId,
  latestRunId,
}: {
  api: Api;
  businessId: number;
  checkId: number;
  latestRunId: number | undefined;
}) {
  const history = useResource(`check-history-${businessId}-${checkId}-${latestRunId ?? 0}`, async () => {
    const { runs } = await api.listRuns(businessId, HISTORY_RUNS);
    const details = await Promise.all(
      runs.filter((run) => run.status === "done").map((run) => api.getRun(businessId, run.id)),
    );
    return details.flatMap((run): HistoryEntry[] => {
      const result = run.results.find((r) => r.checkId === checkId);
      return result ? [{ run, result }] : [];
    });
  });

  if (history.error) return <ErrorNote message={history.error} />;
  if (!history.data) return <p role="status">Loading…</p>;
  if (history.data.length === 0) return <p>It has not run yet.</p>;
  return (
    <ol class="history" aria-label="History" data-testid="check-history">
      {history.data.map(({ run, result }) => (
        <li key={run.id} data-testid="history-entry">
          <OutcomeBadges passed={result.passed} regression={result.regression} />{" "}
          <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time> · {runCause(run)}
          {!result.passed && result.reason && <span class="failure">{result.reason}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Why a run happened, in words. */
export function runCause(run: Pick<CheckRunSummary, "trigger" | "reason">): string {
  if (run.reason) return run.reason;
  return {
    manual: "run on demand",
    documents: "the documents changed",
    model: "the model changed",
    checks: "the checks changed",
  }[run.trigger];
}
