import type { Message, SessionSummary } from "@supportal/shared";
import { useEffect, useRef, useState } from "preact/hooks";
import { formatDateTime } from "../format";
import type { InboxActions } from "../hooks/use-inbox";
import { SessionBadges } from "./SessionBadges";
import { TranscriptMessages } from "./TranscriptMessages";

// The server forwards typing at most every 2 s; the hint stays a little longer than that.
const TYPING_SHOWN_MS = 4_000;
// Keystrokes are sent as typing at most this often: the visitor needs to know only that someone types.
const TYPING_SEND_MS = 2_000;

/** One conversation of the inbox: the transcript as it grows, and what this person may do in it. */
export function InboxConversation({
  session,
  sessionId,
  messages,
  me,
  visitorTypingAt,
  actions,
  backHref,
}: {
  session: SessionSummary | undefined;
  sessionId: string;
  messages: Message[] | undefined;
  me: { id: number; name: string } | null;
  visitorTypingAt: number | undefined;
  actions: InboxActions;
  backHref: string;
}) {
  const [draft, setDraft] = useState("");
  const lastTyping = useRef(0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!visitorTypingAt) return;
    setNow(Date.now());
    const timer = setTimeout(() => setNow(Date.now()), TYPING_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [visitorTypingAt]);

  if (!session) {
    return (
      <p>
        This conversation is not in the inbox. <a href={backHref}>Back to the inbox</a>
      </p>
    );
  }
  // "Mine" by name: the inbox's summaries carry the answering person's name, not an id.
  const mine = session.mode === "human" && session.agentName === me?.name;
  const held = session.mode === "human" && !mine;
  const typing = visitorTypingAt !== undefined && now - visitorTypingAt < TYPING_SHOWN_MS;

  const send = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    actions.reply(sessionId, text);
    setDraft("");
  };

  return (
    <article aria-labelledby="conversation-title" data-testid="inbox-conversation" data-mode={session.mode}>
      <h2 id="conversation-title">{session.title ?? "Conversation"}</h2>
      <SessionBadges session={session} unread={0} />
      <p class="meta">
        Started {formatDateTime(session.createdAt)} · last {formatDateTime(session.lastMessageAt)}
      </p>
      {session.contact && (
        <p class="contact" data-testid="contact">
          Contact: <a href={`mailto:${session.contact.email}`}>{session.contact.email}</a>
          {session.contact.name ? ` (${session.contact.name})` : ""}
          {session.contact.message ? `: “${session.contact.message}”` : ""}
        </p>
      )}
      {messages ? <TranscriptMessages messages={messages} /> : <p role="status">Loading…</p>}
      <p class="meta" aria-live="polite">
        {typing ? "The customer is typing…" : ""}
      </p>
      <div class="row wrap">
        {!mine && session.mode !== "human" && (
          <button type="button" onClick={() => actions.claim(sessionId)}>
            {session.mode === "waiting" ? "Claim" : "Take over"}
          </button>
        )}
        {held && <p>{session.agentName} answers this conversation.</p>}
        {(mine || session.mode === "waiting") && (
          <button type="button" class="secondary" onClick={() => actions.handBack(sessionId)}>
            Hand back to the assistant
          </button>
        )}
        {!held && session.mode !== "closed" && (
          <button type="button" class="secondary" onClick={() => actions.close(sessionId)}>
            Close conversation
          </button>
        )}
      </div>
      {mine && (
        <form class="reply" onSubmit={send}>
          <label for="reply-text">Reply as {me?.name}</label>
          <textarea
            id="reply-text"
            rows={3}
            maxLength={4000}
            value={draft}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              const at = Date.now();
              if (at - lastTyping.current > TYPING_SEND_MS) {
                lastTyping.current = at;
                actions.typing(sessionId);
              }
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) send(event);
            }}
          />
          <button type="submit">Send</button>
        </form>
      )}
    </article>
  );
}
