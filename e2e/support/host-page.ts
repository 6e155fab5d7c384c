/* A customer's website on another origin than the Supportal server, served by its own Bun.serve. */

/** The careless host stylesheet of `hostile.css`, inlined into the host page. */
export const HOSTILE_CSS = await Bun.file(new URL("./hostile.css", import.meta.url)).text();

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
