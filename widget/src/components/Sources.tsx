import type { Source } from "@supportal/shared";
import type { Strings } from "../i18n";

/**
 * The documents an answer drew on, once each: title (or file name), section and page. A snippet opens on
 * demand (native <details>, keyboard-ready), and only when it shows more than the answer already quotes.
 */
export function Sources({ sources, answer, t }: { sources: Source[]; answer: string; t: Strings }) {
  const quoted = flat(answer);
  return (
    <div class="s">
      <span>{t.sources}</span>
      {sources.map((source) => {
        const label = [
          source.title ?? source.documentName,
          source.heading && source.heading !== source.title ? source.heading : "",
          source.page ? `p. ${source.page}` : "",
        ]
          .filter(Boolean)
          .join(" · ");
        const snippet = flat(source.snippet).replace(/…$/, "");
        return snippet && !quoted.includes(snippet) ? (
          <details>
            <summary>{label}</summary>
            <p>{source.snippet}</p>
          </details>
        ) : (
          <p class="sl">{label}</p>
        );
      })}
    </div>
  );
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();
