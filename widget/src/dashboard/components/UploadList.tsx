import type { Document } from "@supportal/shared";
import { formatBytes } from "../format";
import type { UploadItem } from "../hooks/use-uploads";
import { uploadOutcome } from "../upload-status";

/** Each file on its way up, with a real <progress> so assistive technology reads the percentage. */
export function UploadList({
  items,
  documents,
  onClear,
}: {
  items: UploadItem[];
  /** The business's documents as last listed, so a finished upload shows how its indexing ended. */
  documents: Document[] | undefined;
  onClear: () => void;
}) {
  if (items.length === 0) return null;
  return (
    <section class="uploads" aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key} class={`upload upload-${item.state}`} data-testid="upload">
            <span class="upload-name">
              {item.name} <span class="meta">({formatBytes(item.size)})</span>
            </span>
            {item.state !== "failed" && (
              <progress max={1} value={item.progress} aria-label={`Upload of ${item.name}`}>
                {Math.round(item.progress * 100)}%
              </progress>
            )}
            <span class="upload-message" role={item.state === "failed" ? "alert" : undefined}>
              {item.state === "uploading"
                ? `${Math.round(item.progress * 100)}%`
                : uploadOutcome(item, documents)}
            </span>
          </li>
        ))}
      </ul>
      {items.some((item) => item.state !== "uploading") && (
        <button type="button" class="secondary" onClick={onClear}>
          Clear finished uploads
        </button>
      )}
    </section>
  );
}
