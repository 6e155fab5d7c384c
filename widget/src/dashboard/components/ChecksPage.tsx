import type { Business, Check, CheckRun } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { describeExpect, emptyCheck } from "../quality-forms";
import { CheckForm } from "./CheckForm";
import { CheckHistory, runCause } from "./CheckHistory";
import { ErrorNote } from "./ErrorNote";
import { OutcomeBadges } from "./OutcomeBadges";
import { SourceList } from "./SourceList";
import { StarterChecks } from "./StarterChecks";

// Checks run by themselves after every change to the documents: read their outcomes again often
// enough that a run shows without reloading, and faster while one is running.
const CHECKS_POLL_MS = 3000;
const RUNNING_POLL_MS = 1000;
const RUNS_SHOWN = 10;

/** Golden questions: what each must answer, its latest outcome and history, regressions flagged, and runs. */
export function ChecksPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`checks-${business.id}`);
  const runs = useResource(
    `runs-${business.id}`,
    () => api.listRuns(business.id, RUNS_SHOWN),
    (data) => (data?.runs.some((run) => run.status === "running") ? RUNNING_POLL_MS : CHECKS_POLL_MS),
  );
  const checks = useResource(
    `checks-${business.id}`,
    () => api.listChecks(business.id),
    () => CHECKS_POLL_MS,
  );
  const suggestions = useResource(
    `suggestions-${business.id}`,
    () => api.listSuggestions(business.id),
    () => CHECKS_POLL_MS,
  );
  const documents = useResource(`documents-${business.id}`, () => api.listDocuments(business.id));
  const [running, setRunning] = useState(false);
  const [lastRun, setLastRun] = useState<CheckRun>();
  const [history, setHistory] = useState<number>();
  const [error, setError] = useState<string>();
  const docs = documents.data?.documents ?? [];
  const documentName = (id: number) => docs.find((d) => d.id === id)?.name ?? `document ${id} (deleted)`;

  const reloadAll = async () => {
    await Promise.all([checks.reload(), runs.reload(), suggestions.reload()]);
  };

  const runNow = async () => {
    setError(undefined);
    setRunning(true);
    try {
      setLastRun(await api.runChecks(business.id));
      await reloadAll();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setRunning(false);
    }
  };

  const remove = async (check: Check) => {
    if (!confirm(`Delete the check “${check.question}” and its history?`)) return;
    setError(undefined);
    try {
      await api.deleteCheck(business.id, check.id);
      await checks.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const list = checks.data?.checks;
  const regressions = list?.filter((check) => check.last?.regression) ?? [];
  const latestRunId = runs.data?.runs[0]?.id;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Checks
      </h1>
      <p>
        Questions whose answers must hold: each names the document its answer must cite and/or a phrase it
        must contain, or that the assistant must say it does not know. They run after every change to the
        documents, and whenever you run them.
      </p>
      {regressions.length > 0 && (
        <div class="regressions" role="alert" data-testid="regressions">
          <p>
            <strong>
              {plural(regressions.length, "check that passed before fails", "checks that passed before fail")}{" "}
              now:
            </strong>
          </p>
          <ul>
            {regressions.map((check) => (
              <li key={check.id}>
                <q>{check.question}</q>: {check.last?.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <StarterChecks
        api={api}
        businessId={business.id}
        suggestions={suggestions.data?.suggestions ?? []}
        onChanged={reloadAll}
      />
      <h2>Add a check</h2>
      <CheckForm
        idPrefix="check-new"
        initial={emptyCheck}
        documents={docs}
        onSubmit={async (input) => {
          await api.createCheck(business.id, input);
          await checks.reload();
        }}
      />
      <h2>Your checks</h2>
      <div class="row wrap">
        <button type="button" onClick={() => void runNow()} disabled={running || !list?.length}>
          Run all checks now
        </button>
        {running && <span role="status">Running…</span>}
        {lastRun && !running && (
          <span role="status" data-testid="run-summary">
            {lastRun.passed} of {lastRun.total} passed
            {lastRun.regressions ? `, ${plural(lastRun.regressions, "regression")}` : ""}.
          </span>
        )}
      </div>
      <ErrorNote message={error ?? checks.error} />
      {!list ? (
        !checks.error && <p role="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>No checks yet. Add one above, accept a suggested one, or add one from an answer under Review.</p>
      ) : (
        <ul class="cards single">
          {list.map((check) => (
            <li
              key={check.id}
              class={`card${check.last?.regression ? " regressed" : ""}`}
              data-testid="check"
              data-outcome={check.last ? (check.last.passed ? "passed" : "failed") : "never"}
            >
              <h3 class="item-title">{check.question}</h3>
              <p class="meta">The answer {describeExpect(check.expect, documentName)}.</p>
              {check.last ? (
                <>
                  <p>
                    <OutcomeBadges passed={check.last.passed} regression={check.last.regression} />{" "}
                    <span class="meta">{formatDateTime(check.last.at)}</span>
                  </p>
                  {!check.last.passed && <p class="failure">{check.last.reason}</p>}
                  <details>
                    <summary>What came back</summary>
                    <p class="text" data-testid="check-answer">
                      {check.last.answer}
                    </p>
                    <SourceList sources={check.last.sources} />
                  </details>
                </>
              ) : (
                <p class="meta">Not run yet.</p>
              )}
              <div class="row wrap">
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={history === check.id}
                  onClick={() => setHistory(history === check.id ? undefined : check.id)}
                >
                  {history === check.id ? "Hide history" : "History"}
                  <span class="sr-only"> of {check.question}</span>
                </button>
                <button type="button" class="danger" onClick={() => void remove(check)}>
                  Delete<span class="sr-only"> {check.question}</span>
                </button>
              </div>
              {history === check.id && (
                <CheckHistory
                  api={api}
                  businessId={business.id}
                  checkId={check.id}
                  latestRunId={latestRunId}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Runs</h2>
      {!runs.data ? (
        <ErrorNote message={runs.error} />
      ) : runs.data.runs.length === 0 ? (
        <p>No run yet.</p>
      ) : (
        <ol class="plain runs" data-testid="runs">
          {runs.data.runs.map((run) => (
            <li key={run.id} data-testid="run" data-status={run.status}>
              <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time> · {runCause(run)} ·{" "}
              {run.status === "running"
                ? "running…"
                : `${run.passed} of ${run.total} passed${run.regressions ? `, ${plural(run.regressions, "regression")}` : ""}`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
