import type { Business } from "@supportal/shared";
import { useState } from "preact/hooks";
import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { DailyChart } from "./DailyChart";
import { ErrorNote } from "./ErrorNote";
import { LimitsPanel } from "./LimitsPanel";
import { PeriodPicker } from "./PeriodPicker";
import { RatingsPanel } from "./RatingsPanel";

/** What customers ask that the documents do not answer, what gets cited, and how busy each day was. */
export function InsightsPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`insights-${business.id}`);
  const [days, setDays] = useState(30);
  const insights = useResource(`insights-${business.id}-${days}`, () => api.getInsights(business.id, days));
  const data = insights.data;

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Insights
      </h1>
      <PeriodPicker id="range" days={days} onDays={setDays} onRefresh={() => void insights.reload()} />
      <ErrorNote message={insights.error} />
      {data?.testSessions ? (
        <p class="meta" data-testid="test-sessions">
          Left out of every figure here: {plural(data.testSessions, "conversation")} of your own under Try it.
        </p>
      ) : null}
      {!data ? (
        !insights.error && <p role="status">Loading…</p>
      ) : (
        <div class="insights">
          <section aria-labelledby="gaps-title" data-testid="knowledge-gaps">
            <h2 id="gaps-title">Knowledge gaps</h2>
            <p class="meta">
              Questions the assistant could not answer from your documents. Add a document that answers them.
            </p>
            {data.knowledgeGaps.length === 0 ? (
              <p>None in this period.</p>
            ) : (
              <ol class="cards">
                {data.knowledgeGaps.map((gap) => (
                  <li key={gap.question} class="card" data-testid="gap">
                    <q>{gap.question}</q>
                    <p class="meta">
                      Asked {plural(gap.count, "time")} · last {formatDateTime(gap.lastAskedAt)} ·{" "}
                      <a
                        href={href({
                          page: "business",
                          businessId: business.id,
                          tab: "conversations",
                          sessionId: gap.sessionId,
                        })}
                      >
                        latest conversation
                      </a>
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="cited-title">
            <h2 id="cited-title">Most-cited documents</h2>
            {data.topDocuments.length === 0 ? (
              <p>No answer has cited a document in this period.</p>
            ) : (
              <ol class="cards">
                {data.topDocuments.map((doc) => (
                  <li key={doc.documentId} class="card" data-testid="cited">
                    <strong>{doc.documentName}</strong>
                    {!doc.exists && " (deleted)"}
                    <p class="meta">Cited in {plural(doc.citations, "answer")}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <RatingsPanel feedback={data.feedback} />
          <LimitsPanel api={api} business={business} />
          <section aria-labelledby="daily-title" class="wide">
            <h2 id="daily-title">Messages per day</h2>
            <DailyChart days={data.messagesPerDay} />
          </section>
        </div>
      )}
    </section>
  );
}
