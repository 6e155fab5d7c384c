/** What the dashboard passes to the real widget, as the data-* attributes an integrator would write. */
export interface EmbedOptions {
  business: number;
  color?: string;
  title?: string;
  greeting?: string;
  position?: "right" | "left";
  open?: boolean;
}

const MARK = "data-dashboard-widget";

/** What the widget's script puts on `window.Supportal`. */
export type WidgetHandle = NonNullable<Window["Supportal"]>;

interface Wanted {
  server: string;
  options: EmbedOptions;
  /** Called once this widget has mounted (not for one replaced before its script ran). */
  onReady?: ((widget: WidgetHandle) => void) | undefined;
}
/** The widget last asked for; null once none should be on the page. */
let latest: Wanted | null = null;
/** The script being fetched: one at a time, since a script still runs once fetched, removed or not. */
let loading: HTMLScriptElement | null = null;

/**
 * Puts the real, built widget on the page exactly as a business's site would: one <script> tag.
 * The widget mounts once per page (it keeps `window.Supportal`), so a change of settings removes
 * the old instance and loads the script again. While a script loads, later changes wait for it: two
 * in flight would both run (the preview's and "Try it"'s side by side).
 */
export function mountWidget(
  server: string,
  options: EmbedOptions,
  onReady?: (widget: WidgetHandle) => void,
): void {
  latest = { server, options, onReady };
  if (!loading) load(latest);
}

export function unmountWidget(): void {
  latest = null;
  removeWidget();
}

function load(wanted: Wanted): void {
  removeWidget();
  const { server, options } = wanted;
  const script = document.createElement("script");
  script.src = new URL("supportal-widget.js", server).href;
  script.async = true;
  script.setAttribute(MARK, "");
  script.dataset.business = String(options.business);
  if (options.color) script.dataset.color = options.color;
  if (options.title?.trim()) script.dataset.title = options.title.trim();
  if (options.greeting?.trim()) script.dataset.greeting = options.greeting.trim();
  if (options.position) script.dataset.position = options.position;
  if (options.open) script.dataset.open = "true";
  const settle = () => {
    loading = null;
    if (latest === wanted) {
      if (window.Supportal) wanted.onReady?.(window.Supportal);
      return;
    }
    if (latest) load(latest);
    else removeWidget();
  };
  script.addEventListener("load", settle, { once: true });
  script.addEventListener("error", settle, { once: true });
  loading = script;
  document.body.append(script);
}

/** Every widget and its script, except one still loading (it is dealt with when it has run). */
function removeWidget(): void {
  // Its socket, if it was opened, ends with the page; the panel and its host element go now.
  window.Supportal?.close();
  for (const host of document.querySelectorAll("supportal-widget")) host.remove();
  for (const script of document.querySelectorAll(`script[${MARK}]`)) if (script !== loading) script.remove();
  delete window.Supportal;
}

/** The snippet a business pastes into its site. */
export function embedSnippet(server: string, business: number): string {
  return `<script src="${new URL("supportal-widget.js", server).href}" data-business="${business}" async></script>`;
}
