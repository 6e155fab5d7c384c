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

/**
 * Puts the real, built widget on the page exactly as a business's site would: one <script> tag.
 * The widget mounts once per page (it keeps `window.Supportal`), so a change of settings removes
 * the old instance and loads the script again.
 */
export function mountWidget(server: string, options: EmbedOptions): void {
  unmountWidget();
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
  document.body.append(script);
}

export function unmountWidget(): void {
  // Its socket, if it was opened, ends with the page; the panel and its host element go now.
  window.Supportal?.close();
  for (const host of document.querySelectorAll("supportal-widget")) host.remove();
  for (const script of document.querySelectorAll(`script[${MARK}]`)) script.remove();
  delete window.Supportal;
}

/** The snippet a business pastes into its site. */
export function embedSnippet(server: string, business: number): string {
  return `<script src="${new URL("supportal-widget.js", server).href}" data-business="${business}" async></script>`;
}
