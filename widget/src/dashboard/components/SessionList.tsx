import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";

/** Every session, latest activity first, with its last message and count. */
export function SessionList({ api, businessId }: { api: Api; businessId: number }) {
  const sessions = useResource(
    `sessions-${businessId}`,
    () => api.listSessions(businessId),
    () => 10_000,
  );
  const list = sessions.data?.sessions ?? [];
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <ErrorNote message={sessions.error} />
      {!sessions.data ? (
        !sessions.error && <p role="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>No conversations yet. Try the widget under “Try it”.</p>
      ) : (
        <ul class="cards sessions">
          {list.map((session) => (
            <li key={session.id} class="card" data-testid="session">
              <a href={href({ page: "business", businessId, tab: "conversations", sessionId: session.id })}>
                {session.lastMessage ?? "(no messages)"}
              </a>
              <p class="meta">
                {plural(session.messageCount, "message")} · last {formatDateTime(session.lastMessageAt)} ·
                started {formatDateTime(session.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
