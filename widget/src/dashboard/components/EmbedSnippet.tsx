import { embedSnippet } from "../widget-embed";
import { CopyButton } from "./CopyButton";

/** The one line a business pastes into its site. */
export function EmbedSnippet({ server, businessId }: { server: string; businessId: number }) {
  const snippet = embedSnippet(server, businessId);
  return (
    <section aria-labelledby="embed-title" class="panel">
      <h2 id="embed-title">Embed on your site</h2>
      <p>Paste this before the closing &lt;/body&gt; tag of every page that should show the chat.</p>
      <pre class="snippet" data-testid="snippet">
        <code>{snippet}</code>
      </pre>
      <CopyButton text={snippet} label="Copy snippet" />
    </section>
  );
}
