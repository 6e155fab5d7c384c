import type { Business, ExportFormat } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { saveFile } from "../save-file";
import { ErrorNote } from "./ErrorNote";
import { MessageSearch } from "./MessageSearch";
import { SessionList } from "./SessionList";
import { TranscriptView } from "./TranscriptView";

/** Sessions, one transcript, search over every message, and export. */
export function ConversationsPage({
  api,
  business,
  sessionId,
}: {
  api: Api;
  business: Business;
  sessionId: string | undefined;
}) {
  const heading = useFocusHeading(`conversations-${business.id}-${sessionId ?? ""}`);
  const [error, setError] = useState<string>();

  const exportAs = async (format: ExportFormat) => {
    setError(undefined);
    try {
      const blob = await api.exportTranscripts(business.id, format);
      saveFile(blob, `supportal-${business.id}-transcripts.${format}`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  if (sessionId) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          Transcript
        </h1>
        <TranscriptView api={api} businessId={business.id} sessionId={sessionId} />
      </section>
    );
  }
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Conversations
      </h1>
      <div class="row wrap">
        <button type="button" class="secondary" onClick={() => exportAs("csv")}>
          Export CSV
        </button>
        <button type="button" class="secondary" onClick={() => exportAs("json")}>
          Export JSON
        </button>
      </div>
      <ErrorNote message={error} />
      <MessageSearch api={api} businessId={business.id} />
      <SessionList api={api} businessId={business.id} />
    </section>
  );
}
