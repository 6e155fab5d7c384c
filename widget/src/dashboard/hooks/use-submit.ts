import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";

/** A form's sending state: busy while `send` runs, and the server's sentence when it fails. */
export function useSubmit() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<void>) => {
    setError(undefined);
    setBusy(true);
    try {
      await send();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}
