import { WebhookCreate, WebhookPatch } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import { generateWebhookSecret } from "./sign-payload";
import { toWebhook } from "./webhook-repo";
import { checkWebhookUrl, type ResolveHost } from "./webhook-url";

// Webhooks per business: a handful is what people use; a cap keeps one key from fanning out events.
const MAX_WEBHOOKS_PER_BUSINESS = 20;
const DELIVERY_LOG_LIMIT = 100;

type WebhookDeps = {
  repos: Pick<Repositories, "businesses" | "webhooks">;
  now: () => Date;
  allowPrivate: boolean;
  resolve: ResolveHost;
};

/** `/api/businesses/:id/webhooks`: CRUD, the secret shown once, and each webhook's delivery log. */
export function webhookRoutes(deps: WebhookDeps) {
  const app = new Hono<AuthEnv>();
  const checkUrl = (url: string) => checkWebhookUrl(url, deps);
  const stamp = () => deps.now().toISOString();

  async function ownedWebhook(c: Parameters<typeof ownedBusinessId>[0]) {
    const businessId = await ownedBusinessId(c, deps.repos);
    const webhookId = parseId(c.req.param("webhookId"), "webhook");
    const row = await deps.repos.webhooks.findWebhookRow(businessId, webhookId);
    if (!row) throw new AppError("not_found", `No webhook with id ${webhookId} in this business.`);
    return row;
  }

  app.post("/:id/webhooks", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const input = await readJson(c, WebhookCreate);
    const url = await checkUrl(input.url);
    if ((await deps.repos.webhooks.listWebhookRows(businessId)).length >= MAX_WEBHOOKS_PER_BUSINESS) {
      throw new AppError("conflict", `A business may have at most ${MAX_WEBHOOKS_PER_BUSINESS} webhooks.`);
    }
    const secret = generateWebhookSecret();
    const row = await deps.repos.webhooks.insertWebhook({
      businessId,
      url: url.href,
      events: [...new Set(input.events)],
      secret,
      now: stamp(),
    });
    return c.json({ ...toWebhook(row), secret }, 201);
  });

  app.get("/:id/webhooks", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    return c.json({ webhooks: (await deps.repos.webhooks.listWebhookRows(businessId)).map(toWebhook) });
  });

  app.get("/:id/webhooks/:webhookId", async (c) => c.json(toWebhook(await ownedWebhook(c))));

  app.patch("/:id/webhooks/:webhookId", async (c) => {
    const row = await ownedWebhook(c);
    const patch = await readJson(c, WebhookPatch);
    const url = patch.url === undefined ? undefined : (await checkUrl(patch.url)).href;
    const events = patch.events && [...new Set(patch.events)];
    return c.json(toWebhook((await deps.repos.webhooks.updateWebhook(row.id, { url, events }, stamp()))!));
  });

  app.delete("/:id/webhooks/:webhookId", async (c) => {
    await deps.repos.webhooks.deleteWebhookRow((await ownedWebhook(c)).id);
    return c.body(null, 204);
  });

  app.get("/:id/webhooks/:webhookId/deliveries", async (c) =>
    c.json({
      deliveries: await deps.repos.webhooks.listDeliveries((await ownedWebhook(c)).id, DELIVERY_LOG_LIMIT),
    }),
  );

  return app;
}
