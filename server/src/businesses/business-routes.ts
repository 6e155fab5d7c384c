import { BusinessCreate, BusinessPatch } from "@supportal/shared";
import { Hono } from "hono";
import { type AuthEnv, ownedBusiness, requireAdmin } from "../http/auth";
import { readJson } from "../http/read-json";
import { generateApiKey, hashSecret } from "./api-keys";
import {
  findBusinessRow,
  insertBusiness,
  listBusinessRows,
  setApiKeyHash,
  toBusiness,
  updateBusiness,
} from "./business-repo";
import { type DeleteBusinessDeps, deleteBusiness } from "./delete-business";

/** Businesses and their API keys: `/api/businesses`, behind `requireAuth`. */
export function businessRoutes(
  deps: DeleteBusinessDeps & {
    now: () => Date;
    /** The chat pushes the new status (hours, handoff on or off) to the business's open chats. */
    onBusinessChanged: (businessId: number) => void;
  },
) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  function rotateKey(businessId: number): string {
    const apiKey = generateApiKey(businessId);
    setApiKeyHash(deps.db, businessId, hashSecret(apiKey), stamp());
    return apiKey;
  }

  app.post("/", async (c) => {
    requireAdmin(c);
    const input = await readJson(c, BusinessCreate);
    const row = deps.db.transaction(() => {
      const inserted = insertBusiness(deps.db, input, stamp());
      return { inserted, apiKey: rotateKey(inserted.id) };
    });
    return c.json({ ...toBusiness(findBusinessRow(deps.db, row.inserted.id)!), apiKey: row.apiKey }, 201);
  });

  app.get("/", (c) => {
    requireAdmin(c);
    return c.json({ businesses: listBusinessRows(deps.db).map(toBusiness) });
  });

  app.get("/:id", (c) => c.json(toBusiness(ownedBusiness(c, deps.db))));

  app.patch("/:id", async (c) => {
    const row = ownedBusiness(c, deps.db);
    const patch = await readJson(c, BusinessPatch);
    const updated = toBusiness(updateBusiness(deps.db, row.id, patch, stamp())!);
    deps.onBusinessChanged(row.id);
    return c.json(updated);
  });

  app.delete("/:id", async (c) => {
    const row = ownedBusiness(c, deps.db);
    await deleteBusiness(deps, row.id);
    return c.body(null, 204);
  });

  app.post("/:id/api-key", (c) => {
    const row = ownedBusiness(c, deps.db);
    return c.json({ apiKey: rotateKey(row.id) });
  });

  return app;
}
