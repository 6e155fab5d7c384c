import type { Document } from "@supportal/shared";
import { useState } from "preact/hooks";

/**
 * A document's title as citations show it, editable in place. An empty title gives back the one found in
 * the document (its first heading).
 */
export function DocumentTitle({
  doc,
  onSave,
}: {
  doc: Document;
  onSave: (doc: Document, title: string | null) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [saving, setSaving] = useState(false);
  if (!editing) {
    return (
      <span class="doc-title">
        <span data-testid="document-title">{doc.title ?? "—"}</span>{" "}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setDraft(doc.title ?? "");
            setEditing(true);
          }}
        >
          Edit title<span class="sr-only"> of {doc.name}</span>
        </button>
      </span>
    );
  }
  return (
    <form
      class="doc-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaving(true);
        try {
          await onSave(doc, draft.trim() ? draft.trim() : null);
          setEditing(false);
        } finally {
          setSaving(false);
        }
      }}
    >
      <input
        aria-label={`Title of ${doc.name} (empty: its first heading)`}
        value={draft}
        maxLength={200}
        onInput={(event) => setDraft(event.currentTarget.value)}
        // biome-ignore lint/a11y/noAutofocus: the field the owner just asked to edit
        autoFocus
      />
      <button type="submit" disabled={saving}>
        Save
      </button>
      <button type="button" class="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
