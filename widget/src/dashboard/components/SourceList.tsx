import type { Source } from "@supportal/shared";

/** The passages an answer was drawn from, each with its document (or the curated answer it was). */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return null;
  return (
    <div class="sources">
      <p class="meta">Sources</p>
      <ul>
        {sources.map((source, index) => (
          <li key={`${source.documentId}-${index}`} data-testid="source">
            {source.curated !== undefined && <span class="badge badge-curated">Curated</span>}{" "}
            <strong>{source.title ?? source.documentName}</strong>
            {source.title && source.documentName ? ` (${source.documentName})` : ""}
            {source.heading && source.heading !== source.title ? ` · ${source.heading}` : ""}
            {source.page ? ` · page ${source.page}` : ""}
            {source.snippet ? (
              <>
                : <q>{source.snippet}</q>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
