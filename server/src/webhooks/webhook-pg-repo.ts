import { and, asc, desc, eq, lte } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { webhookDeliveries, webhooks } from "../db/pg-schema";
import { toDelivery, type WebhookRepo } from "./webhook-repo";

/** Webhooks and their delivery queue on PostgreSQL. */
export function pgWebhookRepo(db: PgDb): WebhookRepo {
  const listWebhookRows = (businessId: number) =>
    db.select().from(webhooks).where(eq(webhooks.businessId, businessId)).orderBy(asc(webhooks.id));
  return {
    insertWebhook: async (input) =>
      (
        await db
          .insert(webhooks)
          .values({ ...input, createdAt: input.now, updatedAt: input.now })
          .returning()
      )[0]!,
    findWebhookRow: async (businessId, webhookId) =>
      (
        await db
          .select()
          .from(webhooks)
          .where(and(eq(webhooks.businessId, businessId), eq(webhooks.id, webhookId)))
      )[0],
    listWebhookRows,
    updateWebhook: async (id, patch, now) =>
      (
        await db
          .update(webhooks)
          .set({ ...patch, updatedAt: now })
          .where(eq(webhooks.id, id))
          .returning()
      )[0],
    deleteWebhookRow: async (id) => {
      await db.delete(webhooks).where(eq(webhooks.id, id));
    },
    queueDeliveries: async (input) => {
      const subscribed = (await listWebhookRows(input.businessId)).filter((row) =>
        row.events.includes(input.event),
      );
      if (subscribed.length === 0) return 0;
      await db.insert(webhookDeliveries).values(
        subscribed.map((row) => ({
          webhookId: row.id,
          businessId: input.businessId,
          event: input.event,
          payload: input.payloadFor(row.id),
          status: "pending" as const,
          nextAttemptAt: input.now,
          createdAt: input.now,
        })),
      );
      return subscribed.length;
    },
    dueDeliveries: (now, limit) =>
      db
        .select({ delivery: webhookDeliveries, webhook: webhooks })
        .from(webhookDeliveries)
        .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
        .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(limit),
    nextDueAt: async () => {
      const [row] = await db
        .select({ at: webhookDeliveries.nextAttemptAt })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, "pending"))
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(1);
      return row?.at ?? null;
    },
    recordAttempt: async (id, result) => {
      await db.update(webhookDeliveries).set(result).where(eq(webhookDeliveries.id, id));
    },
    listDeliveries: async (webhookId, limit) =>
      (
        await db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.webhookId, webhookId))
          .orderBy(desc(webhookDeliveries.id))
          .limit(limit)
      ).map(toDelivery),
  };
}
