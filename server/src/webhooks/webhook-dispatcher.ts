import type { WebhookEvent } from "@supportal/shared";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload";
import type { DueDelivery } from "./webhook-repo";
import { checkWebhookUrl, type ResolveHost } from "./webhook-url";

/**
 * Waits before each retry, as multiples of `retryBaseMs` (10 s by default: 10 s, 1 min, 5 min, 30 min,
 * 2 h, 6 h), so a receiver down for most of a working day still gets every event; then "failed".
 */
const RETRY_FACTORS = [1, 6, 30, 180, 720, 2160];
// Attempts run a few at a time: one slow receiver must not hold up every other business's events.
const PARALLEL_ATTEMPTS = 4;
const BATCH = 50;

export interface WebhookSettings {
  allowPrivate: boolean;
  timeoutMs: number;
  retryBaseMs: number;
}

export interface WebhookDispatcher {
  /** Queues the event for every webhook of the business that subscribes to it; sent in the background. */
  emit(businessId: number, event: WebhookEvent, data: Record<string, unknown>): Promise<void>;
  /** Sends what is due, including deliveries left pending by a previous run of the server. */
  start(): void;
  stop(): Promise<void>;
}

export function createWebhookDispatcher(deps: {
  repos: Pick<Repositories, "webhooks">;
  now: () => Date;
  settings: WebhookSettings;
  resolve: ResolveHost;
  userAgent: string;
}): WebhookDispatcher {
  const { repos, settings } = deps;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const inFlight = new Set<AbortController>();

  async function attempt(row: DueDelivery) {
    const { delivery, webhook } = row;
    const attempts = delivery.attempts + 1;
    const controller = new AbortController();
    inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), settings.timeoutMs);
    let lastStatus: number | null = null;
    let lastError: string | null = null;
    try {
      await checkWebhookUrl(webhook.url, { allowPrivate: settings.allowPrivate, resolve: deps.resolve });
      const response = await fetch(webhook.url, {
        method: "POST",
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": deps.userAgent,
          [SIGNATURE_HEADER]: signPayload(webhook.secret, delivery.payload),
          "X-Supportal-Event": delivery.event,
          "X-Supportal-Delivery": String(delivery.id),
        },
        body: delivery.payload,
      });
      lastStatus = response.status;
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299)
        lastError = `The receiver answered HTTP ${response.status}.`;
    } catch (error) {
      if (stopped) return; // shutting down: left pending, sent again after the restart
      lastError = controller.signal.aborted
        ? `No answer within ${settings.timeoutMs} ms.`
        : error instanceof AppError
          ? error.message
          : `Could not connect: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
    const nowMs = deps.now().getTime();
    const factor = RETRY_FACTORS[attempts - 1];
    const delivered = lastError === null;
    await repos.webhooks.recordAttempt(delivery.id, {
      status: delivered ? "delivered" : factor === undefined ? "failed" : "pending",
      attempts,
      lastStatus,
      lastError,
      nextAttemptAt:
        delivered || factor === undefined
          ? null
          : new Date(nowMs + factor * settings.retryBaseMs).toISOString(),
      deliveredAt: delivered ? new Date(nowMs).toISOString() : null,
    });
  }

  async function run() {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const due = await repos.webhooks.dueDeliveries(deps.now().toISOString(), BATCH);
        if (due.length === 0) break;
        for (let i = 0; i < due.length; i += PARALLEL_ATTEMPTS) {
          await Promise.all(due.slice(i, i + PARALLEL_ATTEMPTS).map(attempt));
          if (stopped) return;
        }
      }
    } while (again);
    await schedule();
  }

  async function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const next = await repos.webhooks.nextDueAt();
    if (!next) return;
    const wait = Math.max(0, Date.parse(next) - deps.now().getTime());
    timer = setTimeout(kick, wait);
    // A pending retry must not keep a test process (or a stopping server) alive.
    (timer as { unref?: () => void }).unref?.();
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((error) => console.error("[supportal] webhook deliveries failed", error))
      .finally(() => {
        running = null;
      });
  }

  return {
    async emit(businessId, event, data) {
      const createdAt = deps.now().toISOString();
      const eventId = crypto.randomUUID();
      const queued = await repos.webhooks.queueDeliveries({
        businessId,
        event,
        now: createdAt,
        payloadFor: () => JSON.stringify({ id: eventId, event, businessId, createdAt, data }),
      });
      if (queued > 0) kick();
    },
    start: kick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const controller of inFlight) controller.abort();
      await running;
    },
  };
}
