import { CopyButton } from "./CopyButton";

/** A newly made API key: shown this once, because the server keeps only its hash. */
export function SecretReveal({ apiKey, onDone }: { apiKey: string; onDone: () => void }) {
  return (
    <div class="secret" role="alert" aria-labelledby="secret-title">
      <h3 id="secret-title">New API key</h3>
      <p>Copy it now and keep it somewhere safe: it will not be shown again.</p>
      <div class="secret-row">
        <code data-testid="api-key">{apiKey}</code>
        <CopyButton text={apiKey} label="Copy key" />
      </div>
      <button type="button" onClick={onDone}>
        I have saved it
      </button>
    </div>
  );
}
