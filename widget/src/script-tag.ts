/**
 * The widget's own <script>. `document.currentScript` is null once the script runs async or
 * deferred, so then it is found by its file name, or as the first script that names a business.
 */
export function findScript(doc: Document): HTMLScriptElement | undefined {
  const scripts = [...doc.querySelectorAll<HTMLScriptElement>("script[data-business]")];
  return (
    scripts.find((script) => script === doc.currentScript) ??
    scripts.find((script) => /\/supportal-widget\.js([?#]|$)/.test(script.src)) ??
    scripts[0]
  );
}
