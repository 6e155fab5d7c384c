import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";

/** The credential form: the admin token, one business's API key, or an agent's token. */
export function SignIn({ onSignIn }: { onSignIn: (token: string) => Promise<void> }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(token.trim());
    } catch (failure) {
      setError(
        (failure as { status?: number }).status === 401
          ? "That token or API key is not valid."
          : messageOf(failure),
      );
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <h1>Supportal dashboard</h1>
        <p id="sign-in-help">
          Sign in with the admin token (printed when the server first started, and saved in its data folder)
          or with a business's API key. Agents sign in with the token the business gave them.
        </p>
        <label for="token">Admin token, API key or agent token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? "sign-in-error" : undefined}
        />
        {error && (
          <p id="sign-in-error" class="error-note" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p class="hint">The credential is kept in this tab only and is forgotten when you close it.</p>
      </form>
    </main>
  );
}
