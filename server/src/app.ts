import { Hono } from "hono";
import { agentRoutes } from "./agents/agent-routes";
import { businessRoutes } from "./businesses/business-routes";
import { sessionRoutes } from "./chat/session-routes";
import { transcriptRoutes } from "./chat/transcript-routes";
import type { Deps } from "./deps";
import { documentRoutes } from "./documents/document-routes";
import { replaceDocumentRoute } from "./documents/replace-route";
import { AppError } from "./errors";
import { type AuthEnv, requireAuth } from "./http/auth";
import { handleError } from "./http/handle-error";
import { openApiRoute } from "./http/openapi-route";
import { publicRoutes } from "./http/public-routes";
import { requestLimits } from "./http/request-limits";
import { responseHeaders } from "./http/response-headers";
import { staticRoutes } from "./http/static-routes";
import { insightsRoutes } from "./insights/insights-routes";
import { limitsRoutes } from "./limits/limits-routes";
import { searchRoutes } from "./rag/search-route";
import { webhookRoutes } from "./webhooks/webhook-routes";

/** The whole HTTP surface; `extraRoutes` lets the entry add the WebSocket route (Bun-only). */
export async function createApp(deps: Deps, mount?: (app: Hono) => void) {
  // Django-era clients connect to `/ws/chat/1/<session>/`: a trailing slash must not matter.
  const app = new Hono({ strict: false });
  app.onError(handleError);
  app.notFound((c) => handleError(new AppError("not_found", "No such endpoint."), c));
  app.use("*", responseHeaders());
  app.use("*", requestLimits({ maxFileSize: deps.config.maxFileSize }));

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
  api.route("/", replaceDocumentRoute(deps));
  api.route("/", transcriptRoutes(deps));
  api.route("/", insightsRoutes(deps));
  api.route("/", limitsRoutes(deps));
  api.route("/", agentRoutes(deps));
  api.route(
    "/",
    webhookRoutes({ ...deps, allowPrivate: deps.config.webhooks.allowPrivate, resolve: deps.resolveHost }),
  );
  app.route("/api/businesses", api);
  return app;
}
