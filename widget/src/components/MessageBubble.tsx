import type { ChatActions } from "../chat";
import type { Strings } from "../i18n";
import { renderMarkdown } from "../markdown";
import type { ChatMessage, Pending, Rated } from "../model";
import { Rate } from "./Rate";
import { Sources } from "./Sources";

export function MessageBubble({
  message,
  t,
  rate,
  rated,
}: {
  message: ChatMessage;
  t: Strings;
  rate: ChatActions["rate"];
  rated?: Rated;
}) {
  const { sender, sources } = message;
  const mine = sender === "user";
  return (
    <div
      class={`b ${sender}`}
      data-supportal="message"
      data-sender={sender}
      // A streaming answer is announced once, when it is complete.
      aria-busy={message.streaming}
    >
      {message.agentName ? (
        <span class="an">{message.agentName}: </span>
      ) : (
        <span class="sr">{mine ? t.you : t.bot}: </span>
      )}
      {mine ? <p>{message.message}</p> : renderMarkdown(message.message)}
      {sources?.length ? <Sources sources={sources} answer={message.message} t={t} /> : null}
      {sender === "assistant" && !message.streaming && (
        <Rate id={message.id} rated={rated} t={t} rate={rate} />
      )}
    </div>
  );
}

/**
 * A message the server has not echoed yet. Hidden from screen readers until it fails: the echo
 * that replaces it is what the live log announces, once.
 */
export function PendingBubble({
  pending,
  t,
  onRetry,
}: {
  pending: Pending;
  t: Strings;
  onRetry: () => void;
}) {
  const failed = pending.state === "failed";
  return (
    <div
      class="b user"
      data-supportal="message"
      data-sender="user"
      data-status={pending.state}
      aria-hidden={!failed}
    >
      <p>{pending.text}</p>
      {failed && (
        <p class="f">
          {t.notSent}{" "}
          <button type="button" onClick={onRetry}>
            {t.retry}
          </button>
        </p>
      )}
    </div>
  );
}
