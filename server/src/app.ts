import { Hono } from "hono";
import { agentRoutes } from "./agents/agent-routes";
import { meRoute } from "./agents/me-route";
import { businessRoutes } from "./businesses/business-routes";
import { sessionRoutes } from "./chat/session-routes";
import { transcriptRoutes } from "./chat/transcript-routes";
import { checkRoutes } from "./checks/check-routes";
import type { QualityLoop } from "./checks/quality-loop";
import { curatedRoutes } from "./curated/curated-routes";
import { curatedMatchFor } from "./curated/curated-threshold";
import type { Repositories } from "./db/repositories";
import { documentRoutes } from "./documents/document-routes";
import { replaceDocumentRoute } from "./documents/replace-route";
import type { Config } from "./env";
import { AppError } from "./errors";
import { type AuthEnv, requireAuth } from "./http/auth";
import { handleError } from "./http/handle-error";
import { openApiRoute } from "./http/openapi-route";
import { publicRoutes } from "./http/public-routes";
import { requestLimits } from "./http/request-limits";
import { responseHeaders } from "./http/response-headers";
import { staticRoutes } from "./http/static-routes";
import { insightsRoutes } from "./insights/insights-routes";
import { testSessionRoutes } from "./insights/test-session-routes";
import { limitsRoutes } from "./limits/limits-routes";
import type { Embedder } from "./providers/embedder";
import { searchRoutes } from "./rag/search-route";
import { reviewRoutes } from "./review/review-routes";
import { webhookRoutes } from "./webhooks/webhook-routes";
import type { ResolveHost } from "./webhooks/webhook-url";

/** What the HTTP surface uses: the union of its routes' own dependencies. */
export type AppDeps = Parameters<typeof publicRoutes>[0] &
  Parameters<typeof staticRoutes>[0] &
  Parameters<typeof businessRoutes>[0] &
  Parameters<typeof documentRoutes>[0] &
  Parameters<typeof searchRoutes>[0] &
  Parameters<typeof sessionRoutes>[0] &
  Parameters<typeof transcriptRoutes>[0] &
  Parameters<typeof insightsRoutes>[0] &
  Parameters<typeof limitsRoutes>[0] &
  Parameters<typeof agentRoutes>[0] & {
    repos: Repositories;
    embedder: Pick<Embedder, "id" | "embed">;
    quality: QualityLoop;
    adminToken: string;
    resolveHost: ResolveHost;
    config: Pick<Config, "maxFileSize" | "webhooks">;
  };

/** The whole HTTP surface; `mount` lets the entry add the WebSocket routes (Bun-only). */
export async function createApp(deps: AppDeps, mount?: (app: Hono) => void) {
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
  api.use("*", requireAuth(deps));
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
  api.route("/", curatedRoutes({ ...deps, curated: deps.quality.curated }));
  api.route("/", checkRoutes({ ...deps, checks: deps.quality.checks }));
  api.route("/", reviewRoutes({ ...deps, match: curatedMatchFor(deps.embedder.id) }));
  api.route("/", testSessionRoutes(deps));
  app.route("/api/businesses", api);
  app.route("/api/me", meRoute(deps));
  return app;
}
