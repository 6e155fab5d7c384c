import { ErrorNote } from "./ErrorNote";

/** A form's submit button (off while it sends), an optional Cancel, and the sentence when sending failed. */
export function FormActions({
  label,
  busy,
  error,
  onCancel,
}: {
  label: string;
  busy: boolean;
  error: string | undefined;
  onCancel: (() => void) | undefined;
}) {
  return (
    <>
      <div class="row wrap">
        <button type="submit" disabled={busy}>
          {label}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorNote message={error} />
    </>
  );
}
