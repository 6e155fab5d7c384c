import type { Message } from "@supportal/shared";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";

const who: Record<Message["sender"], string> = {
  user: "Customer",
  assistant: "Assistant",
  agent: "Agent",
  system: "System",
};

/** One session's messages in order, with the sources each answer was drawn from. */
export function TranscriptView({
  api,
  businessId,
  sessionId,
}: {
  api: Api;
  businessId: number;
  sessionId: string;
}) {
  const transcript = useResource(`transcript-${businessId}-${sessionId}`, () =>
    api.getTranscript(businessId, sessionId),
  );
  return (
    <>
      <p>
        <a href={href({ page: "business", businessId, tab: "conversations" })}>Back to all conversations</a>
      </p>
      <ErrorNote message={transcript.error} />
      {transcript.data ? (
        <ol class="transcript" aria-label="Messages">
          {transcript.data.messages.map((message) => (
            <li
              key={message.id}
              class={`turn turn-${message.sender}`}
              data-testid="transcript-message"
              data-sender={message.sender}
            >
              <p class="meta">
                <strong>{who[message.sender]}</strong> ·{" "}
                <time dateTime={message.timestamp}>{formatDateTime(message.timestamp)}</time>
              </p>
              <p class="text">{message.message}</p>
              {message.sources?.length ? (
                <div class="sources">
                  <p class="meta">Sources</p>
                  <ul>
                    {message.sources.map((source, index) => (
                      <li key={`${source.documentId}-${index}`} data-testid="source">
                        <strong>{source.title ?? source.documentName}</strong>
                        {source.title ? ` (${source.documentName})` : ""}
                        {source.heading && source.heading !== source.title ? ` · ${source.heading}` : ""}
                        {source.page ? ` · page ${source.page}` : ""}: <q>{source.snippet}</q>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        !transcript.error && <p role="status">Loading…</p>
      )}
    </>
  );
}
