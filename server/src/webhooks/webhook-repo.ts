import type { Webhook, WebhookDelivery, WebhookEvent } from "@supportal/shared";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { webhookDeliveries, webhooks } from "../db/schema";

export type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhookId,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt,
  payload: row.payload,
});

export function insertWebhook(
  db: Db,
  input: { businessId: number; url: string; events: WebhookEvent[]; secret: string; now: string },
): WebhookRow {
  return db
    .insert(webhooks)
    .values({ ...input, createdAt: input.now, updatedAt: input.now })
    .returning()
    .get();
}

export function findWebhookRow(db: Db, businessId: number, webhookId: number): WebhookRow | undefined {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.businessId, businessId), eq(webhooks.id, webhookId)))
    .get();
}

export function listWebhookRows(db: Db, businessId: number): WebhookRow[] {
  // Read for every stored message (to queue its deliveries): prepared once.
  return prepared(db, "listWebhookRows", (d) =>
    d
      .select()
      .from(webhooks)
      .where(eq(webhooks.businessId, sql.placeholder("businessId")))
      .orderBy(asc(webhooks.id))
      .prepare(),
  ).all({ businessId });
}

export function updateWebhook(
  db: Db,
  id: number,
  patch: { url?: string; events?: WebhookEvent[] },
  now: string,
): WebhookRow | undefined {
  return db
    .update(webhooks)
    .set({ ...patch, updatedAt: now })
    .where(eq(webhooks.id, id))
    .returning()
    .get();
}

export function deleteWebhookRow(db: Db, id: number): void {
  db.delete(webhooks).where(eq(webhooks.id, id)).run();
}

/** One pending delivery per webhook of the business that subscribes to the event. */
export function queueDeliveries(
  db: Db,
  input: { businessId: number; event: WebhookEvent; payloadFor: (webhookId: number) => string; now: string },
): number {
  const subscribed = listWebhookRows(db, input.businessId).filter((row) => row.events.includes(input.event));
  for (const row of subscribed) {
    db.insert(webhookDeliveries)
      .values({
        webhookId: row.id,
        businessId: input.businessId,
        event: input.event,
        payload: input.payloadFor(row.id),
        status: "pending",
        nextAttemptAt: input.now,
        createdAt: input.now,
      })
      .run();
  }
  return subscribed.length;
}

export function dueDeliveries(db: Db, now: string, limit: number) {
  return db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all();
}

export type DueDelivery = ReturnType<typeof dueDeliveries>[number];

/** The earliest time a pending delivery is due, to sleep until then. */
export function nextDueAt(db: Db): string | null {
  const row = db
    .select({ at: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, "pending"))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(1)
    .get();
  return row?.at ?? null;
}

export function recordAttempt(
  db: Db,
  id: number,
  result: {
    status: "pending" | "delivered" | "failed";
    attempts: number;
    lastStatus: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
    deliveredAt: string | null;
  },
): void {
  db.update(webhookDeliveries).set(result).where(eq(webhookDeliveries.id, id)).run();
}

export function listDeliveries(db: Db, webhookId: number, limit: number): WebhookDelivery[] {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all()
    .map(toDelivery);
}

export const webhookQueries = {
  insertWebhook,
  findWebhookRow,
  listWebhookRows,
  updateWebhook,
  deleteWebhookRow,
  queueDeliveries,
  dueDeliveries,
  nextDueAt,
  recordAttempt,
  listDeliveries,
};
export type WebhookRepo = AsyncRepo<typeof webhookQueries>;
