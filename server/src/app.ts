import { Hono } from "hono";
import { businessRoutes } from "./businesses/business-routes";
import { sessionRoutes } from "./chat/session-routes";
import type { Deps } from "./deps";
import { documentRoutes } from "./documents/document-routes";
import { AppError } from "./errors";
import { type AuthEnv, requireAuth } from "./http/auth";
import { handleError } from "./http/handle-error";
import { openApiRoute } from "./http/openapi-route";
import { publicRoutes } from "./http/public-routes";
import { staticRoutes } from "./http/static-routes";
import { searchRoutes } from "./rag/search-route";

/** The whole HTTP surface; `extraRoutes` lets the entry add the WebSocket route (Bun-only). */
export async function createApp(deps: Deps, mount?: (app: Hono) => void) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound((c) => handleError(new AppError("not_found", "No such endpoint."), c));

  app.route("/", publicRoutes(deps));
  app.route("/", openApiRoute());
  app.route("/", await staticRoutes(deps));
  mount?.(app);

  const api = new Hono<AuthEnv>();
  api.use("*", requireAuth({ db: deps.db, adminToken: deps.adminToken }));
  api.route("/", businessRoutes(deps));
  api.route("/", documentRoutes(deps));
  api.route("/", searchRoutes(deps));
  api.route("/", sessionRoutes(deps));
  app.route("/api/businesses", api);
  return app;
}
