import type { Business } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { type SettingsValues, toPatch, toValues } from "../settings-form";
import { EmbedSnippet } from "./EmbedSnippet";
import { ErrorNote } from "./ErrorNote";
import { KeyRotation } from "./KeyRotation";
import { SettingsFields } from "./SettingsFields";
import { WidgetPreview } from "./WidgetPreview";

/** Every setting of the business, a live preview of the widget as they change, the snippet and the key. */
export function SettingsPage({
  api,
  business,
  onSaved,
  onKeyRotated,
}: {
  api: Api;
  business: Business;
  onSaved: (business: Business) => void;
  onKeyRotated: (apiKey: string) => void;
}) {
  const heading = useFocusHeading(`settings-${business.id}`);
  const [values, setValues] = useState<SettingsValues>(() => toValues(business));
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState("");
  const [saving, setSaving] = useState(false);

  const change = (field: keyof SettingsValues, value: string) => {
    setStatus("");
    setValues((old) => ({ ...old, [field]: value }));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const result = toPatch(values);
    if ("error" in result) return setError(result.error);
    setSaving(true);
    try {
      const saved = await api.updateBusiness(business.id, result.patch);
      onSaved(saved);
      setValues(toValues(saved));
      setStatus("Settings saved.");
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <div class="settings">
        <form onSubmit={save} class="settings-form" noValidate>
          <SettingsFields values={values} onChange={change} />
          <ErrorNote message={error} />
          <div class="row">
            <button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save settings"}
            </button>
            <span role="status" aria-live="polite" data-testid="save-status">
              {status}
            </span>
          </div>
        </form>
        <WidgetPreview api={api} businessId={business.id} values={values} />
      </div>
      <EmbedSnippet server={api.base} businessId={business.id} />
      <KeyRotation api={api} businessId={business.id} onRotated={onKeyRotated} />
    </section>
  );
}
