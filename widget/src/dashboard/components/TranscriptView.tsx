import type { ConversationMode } from "@supportal/shared";
import type { Api } from "../api/client";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";
import { TranscriptMessages } from "./TranscriptMessages";

const modeLabels: Record<ConversationMode, string> = {
  ai: "The assistant answers",
  waiting: "Waiting for a person",
  human: "A person answers",
  closed: "Closed",
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
        <>
          {transcript.data.mode && (
            <p class="meta" data-testid="transcript-mode">
              {modeLabels[transcript.data.mode]}
              {transcript.data.agentName ? ` (${transcript.data.agentName})` : ""}
              {transcript.data.contact ? ` · contact left: ${transcript.data.contact.email}` : ""}
            </p>
          )}
          <TranscriptMessages messages={transcript.data.messages} />
        </>
      ) : (
        !transcript.error && <p role="status">Loading…</p>
      )}
    </>
  );
}
