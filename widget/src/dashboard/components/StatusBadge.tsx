import type { DocumentStatus } from "@supportal/shared";

const labels: Record<DocumentStatus, string> = {
  pending: "Pending",
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
};

/** A document's status in words (never colour alone), with the reason when it failed. */
export function StatusBadge({ status, error }: { status: DocumentStatus; error?: string | undefined }) {
  return (
    <span class="status-cell">
      <span class={`badge badge-${status}`} data-status={status}>
        {labels[status]}
      </span>
      {status === "failed" && error && <span class="failure">{error}</span>}
    </span>
  );
}
