import { useEffect } from "preact/hooks";
import type { Api } from "../api/client";
import { useTestSession } from "../hooks/use-test-session";
import { normalizeColor, type SettingsValues } from "../settings-form";
import { mountWidget, unmountWidget } from "../widget-embed";

// Typing a colour fires on every key: wait for a pause before loading the widget again.
const SETTLE_MS = 250;

/** The real widget on this page, following the unsaved settings as they are typed. */
export function WidgetPreview({
  api,
  businessId,
  values,
}: {
  api: Api;
  businessId: number;
  values: SettingsValues;
}) {
  const { title, greeting, position } = values;
  const color = normalizeColor(values.color);
  // A question asked in the preview is the owner's test, as in Try it (the two share a conversation).
  const { ready, onWidget } = useTestSession(api, businessId);
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(
      () =>
        mountWidget(
          api.base,
          {
            business: businessId,
            ...(color ? { color } : {}),
            title,
            greeting,
            position,
          },
          onWidget,
        ),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [ready, onWidget, api.base, businessId, color, title, greeting, position]);
  useEffect(() => unmountWidget, []);

  return (
    <aside class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Live preview</h2>
      <p>
        The chat button in the {position === "left" ? "bottom left" : "bottom right"} corner is the real
        widget with these settings, before you save them. Open it to see the title and greeting.
      </p>
      <p class="swatch-row">
        <span class="swatch" style={{ background: color ?? "transparent" }} aria-hidden="true" />
        {color ?? "Not a colour yet"}
      </p>
    </aside>
  );
}
