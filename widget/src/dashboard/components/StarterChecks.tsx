import type { CheckSuggestion } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { ErrorNote } from "./ErrorNote";

/** The checks offered from the documents' own questions (their headings), each accepted or dropped in one click. */
export function StarterChecks({
  api,
  businessId,
  suggestions,
  onChanged,
}: {
  api: Api;
  businessId: number;
  suggestions: CheckSuggestion[];
  onChanged: () => Promise<void>;
}) {
  const [error, setError] = useState<string>();
  if (suggestions.length === 0) return null;

  const attempt = async (what: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await what();
      await onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="starter-title" class="card" data-testid="starter-checks">
      <h2 id="starter-title">Suggested checks</h2>
      <p class="meta">
        Questions your documents ask in their headings. Accept one to check, after every change, that its
        answer still comes from that document.
      </p>
      <ul class="plain">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} class="row wrap" data-testid="suggestion">
            <span>
              <q>{suggestion.question}</q> <span class="meta">from {suggestion.documentName}</span>
            </span>
            <button
              type="button"
              aria-label={`Accept the check ${suggestion.question}`}
              onClick={() => void attempt(() => api.acceptSuggestion(businessId, suggestion.id))}
            >
              Accept
            </button>
            <button
              type="button"
              class="secondary"
              aria-label={`Drop the suggestion ${suggestion.question}`}
              onClick={() => void attempt(() => api.dropSuggestion(businessId, suggestion.id))}
            >
              Drop
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote message={error} />
    </section>
  );
}
