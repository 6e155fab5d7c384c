import { BusinessCreate, BusinessPatch } from "@supportal/shared";
import { Hono } from "hono";
import { type AuthEnv, ownedBusiness, requireAdmin } from "../http/auth";
import { readJson } from "../http/read-json";
import { generateApiKey, hashSecret } from "./api-keys";
import { toBusiness } from "./business-repo";
import { type DeleteBusinessDeps, deleteBusiness } from "./delete-business";

/** Businesses and their API keys: `/api/businesses`, behind `requireAuth`. */
export function businessRoutes(
  deps: DeleteBusinessDeps & {
    now: () => Date;
    /** The chat pushes the new status (hours, handoff on or off) to the business's open chats. */
    onBusinessChanged: (businessId: number) => Promise<void>;
  },
) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  const { businesses } = deps.repos;

  async function rotateKey(businessId: number): Promise<string> {
    const apiKey = generateApiKey(businessId);
    await businesses.setApiKeyHash(businessId, hashSecret(apiKey), stamp());
    return apiKey;
  }

  app.post("/", async (c) => {
    requireAdmin(c);
    const input = await readJson(c, BusinessCreate);
    let apiKey = "";
    const row = await businesses.insertBusiness(input, stamp(), (id) => {
      apiKey = generateApiKey(id);
      return hashSecret(apiKey);
    });
    return c.json({ ...toBusiness(row), apiKey }, 201);
  });

  app.get("/", async (c) => {
    requireAdmin(c);
    return c.json({ businesses: (await businesses.listBusinessRows()).map(toBusiness) });
  });

  app.get("/:id", async (c) => c.json(toBusiness(await ownedBusiness(c, deps.repos))));

  app.patch("/:id", async (c) => {
    const row = await ownedBusiness(c, deps.repos);
    const patch = await readJson(c, BusinessPatch);
    const updated = toBusiness((await businesses.updateBusiness(row.id, patch, stamp()))!);
    await deps.onBusinessChanged(row.id);
    return c.json(updated);
  });

  app.delete("/:id", async (c) => {
    const row = await ownedBusiness(c, deps.repos);
    await deleteBusiness(deps, row.id);
    return c.body(null, 204);
  });

  app.post("/:id/api-key", async (c) => {
    const row = await ownedBusiness(c, deps.repos);
    return c.json({ apiKey: await rotateKey(row.id) });
  });

  return app;
}
