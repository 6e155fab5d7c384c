import { useEffect, useState } from "preact/hooks";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useInbox } from "../hooks/use-inbox";
import { FILTERS, type InboxFilter, matches, sortedSessions } from "../inbox-model";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";
import { InboxConversation } from "./InboxConversation";
import { SessionBadges } from "./SessionBadges";

const filterLabels: Record<InboxFilter, string> = {
  all: "All",
  waiting: "Waiting",
  human: "With a person",
  mine: "Mine",
  unanswered: "Unanswered",
  contact: "Contact left",
};

const NAME_KEY = "supportal-dashboard-answer-as";

/**
 * The live inbox: every conversation with its badges, pushed as it changes; one open at a time to
 * claim, answer, hand back or close. `ownerName`: owners choose the name visitors see.
 */
export function InboxPage({
  api,
  businessId,
  sessionId,
  owner,
}: {
  api: Api;
  businessId: number;
  sessionId: string | undefined;
  owner: boolean;
}) {
  const heading = useFocusHeading(`inbox-${businessId}`);
  const [name, setName] = useState(() => (owner ? (localStorage.getItem(NAME_KEY) ?? "Support") : undefined));
  const [draftName, setDraftName] = useState(name ?? "");
  const [state, actions] = useInbox(api, businessId, name);
  const [filter, setFilter] = useState<InboxFilter>("all");

  useEffect(() => actions.open(sessionId ?? null), [sessionId, state.connection === "ready"]);

  const shown = sortedSessions(state.sessions).filter((s) => matches(s, filter, state.me?.name ?? null));
  const open = sessionId ? state.sessions.find((s) => s.id === sessionId) : undefined;
  const waiting = state.sessions.filter((s) => s.mode === "waiting").length;

  return (
    <section class="inbox">
      <h1 ref={heading} tabIndex={-1}>
        Inbox
      </h1>
      <p class="meta" role="status" data-testid="inbox-connection">
        {state.connection === "ready"
          ? `Connected as ${state.me?.name ?? ""}. Online: ${state.online.map((a) => a.name).join(", ") || "nobody"}.`
          : state.connection === "connecting"
            ? "Connecting…"
            : "Disconnected; reconnecting…"}
        {waiting ? ` ${waiting} waiting for a person.` : ""}
      </p>
      {owner && (
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = draftName.trim() || "Support";
            localStorage.setItem(NAME_KEY, chosen);
            setName(chosen);
          }}
        >
          <label for="answer-as">Answer as</label>
          <input
            id="answer-as"
            value={draftName}
            maxLength={80}
            onInput={(event) => setDraftName(event.currentTarget.value)}
          />
          <button type="submit" class="secondary">
            Use this name
          </button>
        </form>
      )}
      {state.error && (
        <div class="row">
          <ErrorNote message={state.error} />
          <button type="button" class="secondary" onClick={actions.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <div class="inbox-columns">
        <div class="inbox-list">
          <fieldset class="filters">
            <legend>Show</legend>
            {FILTERS.map((f) => (
              <label key={f}>
                <input
                  type="radio"
                  name="inbox-filter"
                  value={f}
                  checked={filter === f}
                  onChange={() => setFilter(f)}
                />
                {filterLabels[f]}
              </label>
            ))}
          </fieldset>
          {state.connection !== "ready" && state.sessions.length === 0 ? (
            <p role="status">Loading…</p>
          ) : shown.length === 0 ? (
            <p>No conversations here.</p>
          ) : (
            <ul class="cards sessions" aria-label="Conversations">
              {shown.map((session) => (
                <li
                  key={session.id}
                  class={`card${session.id === sessionId ? " selected" : ""}`}
                  data-testid="inbox-session"
                  data-mode={session.mode}
                >
                  <a
                    href={href({ page: "business", businessId, tab: "inbox", sessionId: session.id })}
                    aria-current={session.id === sessionId ? "true" : undefined}
                  >
                    {session.title ?? session.lastMessage ?? "(no messages)"}
                  </a>
                  <SessionBadges session={session} unread={state.unread[session.id] ?? 0} />
                  {session.lastMessage && session.lastMessage !== session.title ? (
                    <p class="meta">{session.lastMessage}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="inbox-open">
          {sessionId ? (
            <InboxConversation
              session={open}
              sessionId={sessionId}
              messages={state.messages[sessionId]}
              me={state.me}
              visitorTypingAt={state.typingAt[sessionId]}
              actions={actions}
              backHref={href({ page: "business", businessId, tab: "inbox" })}
            />
          ) : (
            <p>Open a conversation to read it and answer.</p>
          )}
        </div>
      </div>
    </section>
  );
}
