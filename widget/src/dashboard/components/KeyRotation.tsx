import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { ErrorNote } from "./ErrorNote";
import { SecretReveal } from "./SecretReveal";

/** Issues a new API key; the old one stops working at once. */
export function KeyRotation({
  api,
  businessId,
  onRotated,
}: {
  api: Api;
  businessId: number;
  onRotated: (apiKey: string) => void;
}) {
  const [apiKey, setApiKey] = useState<string>();
  const [error, setError] = useState<string>();

  const rotate = async () => {
    if (!confirm("Make a new API key? The current key stops working immediately.")) return;
    setError(undefined);
    try {
      const answer = await api.rotateKey(businessId);
      setApiKey(answer.apiKey);
      onRotated(answer.apiKey);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="key-title" class="panel">
      <h2 id="key-title">API key</h2>
      <p>
        The key lets scripts manage this business's documents and settings. Rotate it if it may have leaked.
        The chat widget does not use it.
      </p>
      <button type="button" class="danger" onClick={rotate}>
        Rotate API key
      </button>
      <ErrorNote message={error} />
      {apiKey && <SecretReveal apiKey={apiKey} onDone={() => setApiKey(undefined)} />}
    </section>
  );
}
