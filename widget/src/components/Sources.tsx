import type { Source } from "@supportal/shared";
import type { Strings } from "../i18n";

/** The documents an answer drew on; each snippet opens on demand (native <details>, keyboard-ready). */
export function Sources({ sources, t }: { sources: Source[]; t: Strings }) {
  return (
    <div class="s">
      <span>{t.sources}</span>
      {sources.map((source) => (
        <details>
          <summary>
            {source.documentName}
            {source.page ? ` · p. ${source.page}` : ""}
          </summary>
          <p>{source.snippet}</p>
        </details>
      ))}
    </div>
  );
}
