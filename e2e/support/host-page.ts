/* A customer's website on another origin than the Supportal server, served by its own Bun.serve. */

/**
 * Everything a careless host stylesheet does, `!important` included. None of it may reach the widget:
 * page selectors cannot match inside its shadow root, and the rules aimed at its host element lose to
 * the widget's own `:host { all: initial !important }`.
 */
export const HOSTILE_CSS = `
* {
  font-family: "Comic Sans MS", cursive !important;
  color: #c00 !important;
  letter-spacing: 3px !important;
  word-spacing: 9px !important;
  line-height: 3 !important;
  text-transform: uppercase !important;
  text-align: right !important;
  box-sizing: content-box !important;
  visibility: visible !important;
  cursor: wait !important;
  --a: #0f0 !important;
  --bg: #f0f !important;
  --tx: #0ff !important;
}
div, button, input, textarea, p, span, h2, form, svg, details, summary {
  display: block !important;
  border: 5px dashed lime !important;
  padding: 20px !important;
  margin: 10px !important;
  background: yellow !important;
  font-size: 28px !important;
  opacity: 0.5 !important;
  width: 50px !important;
  height: 50px !important;
  position: static !important;
  transition: all 3s !important;
}
[role="dialog"], [role="log"], [data-supportal], .p, .l, .m, .b, .r { display: none !important; }
button:focus, textarea:focus { outline: none !important; box-shadow: none !important; }
:root { font-size: 8px; }
html { direction: rtl; }
body { font-size: 30px; text-align: center; white-space: pre; }
supportal-widget, body > * {
  display: none !important;
  position: static !important;
  z-index: -1 !important;
  transform: scale(0.2) !important;
  filter: blur(4px) !important;
  opacity: 0 !important;
  pointer-events: none !important;
  width: 1px !important;
  height: 1px !important;
  overflow: hidden !important;
  contain: strict !important;
}
body > main { display: block !important; transform: none !important; filter: none !important;
  opacity: 1 !important; pointer-events: auto !important; width: auto !important; height: auto !important;
  overflow: visible !important; contain: none !important; }
`;

export interface HostPageOptions {
  /** The Supportal server's base URL, e.g. http://127.0.0.1:4000 */
  server: string;
  business: number;
  /** Extra data-* attributes of the widget's script tag, without the "data-" prefix. */
  attributes?: Record<string, string>;
  hostile?: boolean;
  /** Extra markup at the end of <main>. */
  extra?: string;
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** A small shop page embedding the widget exactly as the contract's snippet does. */
export function hostPageHtml(options: HostPageOptions): string {
  const attributes = Object.entries({ business: String(options.business), ...options.attributes })
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join("");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Acme Shoes</title>
    ${options.hostile === false ? "" : `<style>${HOSTILE_CSS}</style>`}
  </head>
  <body>
    <main>
      <h1>Acme Shoes</h1>
      <p>Comfortable shoes, delivered.</p>
      <button type="button" id="page-button">A page button</button>
      <input id="page-input" placeholder="A page input" />
      ${options.extra ?? ""}
    </main>
    <script src="${options.server}/supportal-widget.js"${attributes} async></script>
  </body>
</html>`;
}

export interface HostServer {
  /** e.g. http://127.0.0.1:41234: a different origin from the Supportal server (another port). */
  origin: string;
  /** Serves `html` at a fresh path and returns its URL. */
  page(html: string): string;
  stop(): void;
}

export function startHostServer(): HostServer {
  const pages = new Map<string, string>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const html = pages.get(new URL(request.url).pathname);
      return html === undefined
        ? new Response("not found", { status: 404 })
        : new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    origin,
    page(html) {
      const path = `/page-${pages.size + 1}.html`;
      pages.set(path, html);
      return `${origin}${path}`;
    },
    stop: () => void server.stop(true),
  };
}
