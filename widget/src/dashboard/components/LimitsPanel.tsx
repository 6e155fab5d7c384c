import type { Business, CapHit } from "@supportal/shared";
import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";

const SCOPE: Record<CapHit["scope"], string> = {
  business: "The daily limit was reached",
  session: "One chat used its share of the daily limit",
  ip: "One address used its share of the daily limit",
};

/** Today's use of the daily limit, when and by whom a limit was hit, and sites that were refused. */
export function LimitsPanel({ api, business }: { api: Api; business: Business }) {
  const limits = useResource(`limits-${business.id}`, () => api.getLimits(business.id));
  const data = limits.data;
  const chat = (sessionId: string) => (
    <a href={href({ page: "business", businessId: business.id, tab: "conversations", sessionId })}>
      {sessionId.slice(0, 8)}…
    </a>
  );
  return (
    <section aria-labelledby="limits-title" class="wide" data-testid="limits">
      <h2 id="limits-title">Daily limit</h2>
      <ErrorNote message={limits.error} />
      {data && (
        <>
          <p class="meta">
            Today: {data.today.messages} of {data.today.dailyLimit} customer messages. One chat may send{" "}
            {data.today.sessionLimit}, one address {data.today.ipLimit}.
          </p>
          {data.capHits.length === 0 ? (
            <p>No limit was hit in the last 30 days.</p>
          ) : (
            <ol class="cards">
              {data.capHits.map((hit) => (
                <li
                  key={`${hit.day}-${hit.scope}-${hit.sessionId}-${hit.ip}`}
                  class="card"
                  data-testid="cap-hit"
                >
                  <strong>{SCOPE[hit.scope]}</strong>
                  <p class="meta">
                    {formatDateTime(hit.firstAt)} · {plural(hit.refused, "message")} refused, the last{" "}
                    {formatDateTime(hit.lastAt)} · chat {chat(hit.sessionId)} from {hit.ip}
                  </p>
                  {hit.topVisitors.length > 0 && (
                    <p class="meta">
                      Most messages that day:{" "}
                      {hit.topVisitors.map((visitor, i) => (
                        <span key={`${visitor.kind}-${visitor.id}`}>
                          {i > 0 && ", "}
                          {visitor.kind === "session" ? (
                            <>chat {chat(visitor.id)}</>
                          ) : (
                            `address ${visitor.id}`
                          )}{" "}
                          ({visitor.messages})
                        </span>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          <h3>Refused sites</h3>
          {data.refusedOrigins.length === 0 ? (
            <p>No site outside your allowed origins tried to use the chat.</p>
          ) : (
            <>
              <p class="meta">
                Pages not in your allowed origins that tried to use the chat. Add one in Settings if it is
                yours.
              </p>
              <ul class="cards">
                {data.refusedOrigins.map((entry) => (
                  <li key={entry.origin} class="card" data-testid="refused-origin">
                    <code>{entry.origin || "(no origin sent)"}</code>
                    <p class="meta">
                      {plural(entry.attempts, "attempt")} · last {formatDateTime(entry.lastAt)}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
