/**
 * Creates the widget's only footprint on the page: one <supportal-widget> element with an open
 * shadow root. Page selectors cannot reach into the root, and `:host { all: initial !important }`
 * (an important rule from inside the shadow tree beats the page's important rules) stops inherited
 * page styles at the boundary. Returns the container to render into.
 */
export function mount(doc: Document, css: string, zIndex: number, nonce?: string): HTMLElement {
  const host = doc.createElement("supportal-widget");
  const root = host.attachShadow({ mode: "open" });
  const text = `${css}:host{z-index:${zIndex}!important}`;
  const container = doc.createElement("div");
  try {
    // A constructed stylesheet is not inline markup, so a strict `style-src` policy lets it through.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Older browsers: a <style> element, allowed by CSP through the script's (or data-nonce) nonce.
    const style = doc.createElement("style");
    if (nonce) style.nonce = nonce;
    style.textContent = text;
    root.append(style);
  }
  root.append(container);
  doc.body.append(host);
  return container;
}
