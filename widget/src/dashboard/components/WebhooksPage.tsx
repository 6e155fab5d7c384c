import { type WebhookEvent, WebhookEvent as WebhookEvents } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { CopyButton } from "./CopyButton";
import { ErrorNote } from "./ErrorNote";
import { WebhookDeliveries } from "./WebhookDeliveries";

const EVENTS = WebhookEvents.options;

/** Webhooks: a URL and the events it gets, the signing secret shown once, and each one's deliveries. */
export function WebhooksPage({ api, businessId }: { api: Api; businessId: number }) {
  const heading = useFocusHeading(`webhooks-${businessId}`);
  const webhooks = useResource(`webhooks-${businessId}`, () => api.listWebhooks(businessId));
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["handoff.requested", "contact.captured"]);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<number>();

  const create = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.createWebhook(businessId, url.trim(), events);
      setSecret(created.secret);
      setUrl("");
      await webhooks.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const remove = async (webhookId: number, address: string) => {
    if (!confirm(`Delete the webhook to ${address} and its delivery log?`)) return;
    setError(undefined);
    try {
      await api.deleteWebhook(businessId, webhookId);
      if (open === webhookId) setOpen(undefined);
      await webhooks.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const toggle = (name: WebhookEvent, on: boolean) =>
    setEvents((old) => (on ? [...old, name] : old.filter((e) => e !== name)));

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Webhooks
      </h1>
      <p>
        Supportal POSTs each event to your URL, signed with the webhook's secret in X-Supportal-Signature
        (sha256=HMAC of the raw body), and retries failed deliveries with backoff.
      </p>
      <form class="settings-form" onSubmit={create}>
        <label for="webhook-url">URL</label>
        <input
          id="webhook-url"
          type="url"
          required
          placeholder="https://example.com/supportal"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        <fieldset>
          <legend>Events</legend>
          {EVENTS.map((name) => (
            <label key={name} class="check">
              <input
                type="checkbox"
                name="events"
                value={name}
                checked={events.includes(name)}
                onChange={(event) => toggle(name, event.currentTarget.checked)}
              />
              {name}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={events.length === 0}>
          Add webhook
        </button>
      </form>
      <ErrorNote message={error} />
      {secret && (
        <div class="secret" role="alert" aria-labelledby="webhook-secret-title">
          <h3 id="webhook-secret-title">Signing secret</h3>
          <p>
            Copy it now: it will not be shown again. Your receiver checks each delivery's signature with it.
          </p>
          <div class="secret-row">
            <code data-testid="webhook-secret">{secret}</code>
            <CopyButton text={secret} label="Copy secret" />
          </div>
          <button type="button" onClick={() => setSecret(undefined)}>
            I have saved it
          </button>
        </div>
      )}
      <ErrorNote message={webhooks.error} />
      {!webhooks.data ? (
        !webhooks.error && <p role="status">Loading…</p>
      ) : webhooks.data.webhooks.length === 0 ? (
        <p>No webhooks yet.</p>
      ) : (
        <ul class="cards webhooks">
          {webhooks.data.webhooks.map((webhook) => (
            <li key={webhook.id} class="card" data-testid="webhook">
              <p>
                <code>{webhook.url}</code>
              </p>
              <p class="meta">{webhook.events.join(", ")}</p>
              <div class="row wrap">
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={open === webhook.id}
                  onClick={() => setOpen(open === webhook.id ? undefined : webhook.id)}
                >
                  {open === webhook.id ? "Hide deliveries" : "Show deliveries"}
                </button>
                <button type="button" class="danger" onClick={() => remove(webhook.id, webhook.url)}>
                  Delete
                </button>
              </div>
              {open === webhook.id && (
                <WebhookDeliveries api={api} businessId={businessId} webhookId={webhook.id} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
