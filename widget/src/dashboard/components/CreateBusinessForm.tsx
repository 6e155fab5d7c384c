import type { BusinessWithKey } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";
import { SecretReveal } from "./SecretReveal";

/** Creates a business by name; its API key is shown once, with a copy button. */
export function CreateBusinessForm({ api, onCreated }: { api: Api; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<BusinessWithKey>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const business = await api.createBusiness({ name: name.trim() });
      setCreated(business);
      setName("");
      onCreated();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="panel">
      <form class="inline-form" onSubmit={submit}>
        <h2 id="create-business">New business</h2>
        <label for="business-name">Name</label>
        <div class="row">
          <input
            id="business-name"
            required
            maxLength={200}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <button type="submit" disabled={busy || !name.trim()}>
            Create business
          </button>
        </div>
        <ErrorNote message={error} />
      </form>
      {created && (
        <div>
          <SecretReveal apiKey={created.apiKey} onDone={() => setCreated(undefined)} />
          <p>
            <a href={href({ page: "business", businessId: created.id, tab: "documents" })}>
              Open {created.name}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}
