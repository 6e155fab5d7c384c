import { useState } from "preact/hooks";

/** Copies `text`; the result is announced through a polite live region next to the button. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied.");
    } catch {
      setStatus("Copying was blocked; select the text and copy it by hand.");
    }
    setTimeout(() => setStatus(""), 4000);
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy} data-testid="copy">
        {label}
      </button>
      <span class="copy-status" role="status" aria-live="polite">
        {status}
      </span>
    </span>
  );
}
