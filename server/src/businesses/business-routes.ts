import { BusinessCreate, BusinessPatch } from "@supportal/shared";
import { Hono } from "hono";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type AuthEnv, requireAdmin, requireBusinessAccess } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import { generateApiKey, hashSecret } from "./api-keys";
import {
  findBusinessRow,
  insertBusiness,
  listBusinessRows,
  setApiKeyHash,
  toBusiness,
  updateBusiness,
} from "./business-repo";
import { deleteBusiness } from "./delete-business";

/** Businesses and their API keys: `/api/businesses`, behind `requireAuth`. */
export function businessRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  const stamp = () => deps.now().toISOString();

  function rotateKey(businessId: number): string {
    const apiKey = generateApiKey(businessId);
    setApiKeyHash(deps.db, businessId, hashSecret(apiKey), stamp());
    return apiKey;
  }

  function loadOwned(c: Parameters<typeof requireBusinessAccess>[0], rawId: string | undefined) {
    const id = parseId(rawId, "business");
    requireBusinessAccess(c, id);
    const row = findBusinessRow(deps.db, id);
    if (!row) throw new AppError("not_found", `No business with id ${id}.`);
    return row;
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

  app.get("/:id", (c) => c.json(toBusiness(loadOwned(c, c.req.param("id")))));

  app.patch("/:id", async (c) => {
    const row = loadOwned(c, c.req.param("id"));
    const patch = await readJson(c, BusinessPatch);
    return c.json(toBusiness(updateBusiness(deps.db, row.id, patch, stamp())!));
  });

  app.delete("/:id", async (c) => {
    const row = loadOwned(c, c.req.param("id"));
    await deleteBusiness(deps, row.id);
    return c.body(null, 204);
  });

  app.post("/:id/api-key", (c) => {
    const row = loadOwned(c, c.req.param("id"));
    return c.json({ apiKey: rotateKey(row.id) });
  });

  return app;
}
