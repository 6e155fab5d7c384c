import type { WebhookDelivery } from "@supportal/shared";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { useResource } from "../hooks/use-resource";
import { ErrorNote } from "./ErrorNote";

// Retries are seconds to hours apart; while one is pending the log refreshes this often.
const PENDING_POLL_MS = 5_000;

const statusLabels: Record<WebhookDelivery["status"], string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
};

function outcome(delivery: WebhookDelivery): string {
  const parts = [`${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`];
  if (delivery.lastStatus !== null) parts.push(`HTTP ${delivery.lastStatus}`);
  if (delivery.lastError) parts.push(delivery.lastError);
  if (delivery.status === "pending" && delivery.nextAttemptAt)
    parts.push(`next ${formatDateTime(delivery.nextAttemptAt)}`);
  return parts.join(" · ");
}

/** One webhook's latest deliveries: event, status in words, attempts and the receiver's answer. */
export function WebhookDeliveries({
  api,
  businessId,
  webhookId,
}: {
  api: Api;
  businessId: number;
  webhookId: number;
}) {
  const deliveries = useResource(
    `deliveries-${businessId}-${webhookId}`,
    () => api.listDeliveries(businessId, webhookId),
    (data) => (data?.deliveries.some((d) => d.status === "pending") ? PENDING_POLL_MS : undefined),
  );
  return (
    <div class="deliveries">
      <div class="row">
        <h3>Deliveries</h3>
        <button type="button" class="secondary" onClick={() => void deliveries.reload()}>
          Refresh
        </button>
      </div>
      <ErrorNote message={deliveries.error} />
      {!deliveries.data ? (
        !deliveries.error && <p role="status">Loading…</p>
      ) : deliveries.data.deliveries.length === 0 ? (
        <p>Nothing delivered yet.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Details</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="delivery" data-status={delivery.status}>
                <td>{delivery.event}</td>
                <td>
                  <span
                    class={`badge badge-${delivery.status === "delivered" ? "ready" : delivery.status === "failed" ? "failed" : "pending"}`}
                  >
                    {statusLabels[delivery.status]}
                  </span>
                </td>
                <td>{outcome(delivery)}</td>
                <td>{formatDateTime(delivery.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
