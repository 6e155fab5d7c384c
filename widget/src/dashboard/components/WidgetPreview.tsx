import { useEffect } from "preact/hooks";
import { normalizeColor, type SettingsValues } from "../settings-form";
import { mountWidget, unmountWidget } from "../widget-embed";

// Typing a colour fires on every key: wait for a pause before loading the widget again.
const SETTLE_MS = 250;

/** The real widget on this page, following the unsaved settings as they are typed. */
export function WidgetPreview({
  server,
  businessId,
  values,
}: {
  server: string;
  businessId: number;
  values: SettingsValues;
}) {
  const { title, greeting, position } = values;
  const color = normalizeColor(values.color);
  useEffect(() => {
    const timer = setTimeout(
      () =>
        mountWidget(server, {
          business: businessId,
          ...(color ? { color } : {}),
          title,
          greeting,
          position,
        }),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [server, businessId, color, title, greeting, position]);
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
