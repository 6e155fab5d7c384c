import { ExportQuery, MessageSearchQuery } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseWith } from "../http/read-json";
import { streamTranscripts } from "./transcript-export";

const DEFAULT_SEARCH_LIMIT = 50;
const MAX_SEARCH_LIMIT = 200;

/** `/api/businesses/:id/messages`: search over messages, and every transcript as CSV or JSON. */
export function transcriptRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "sessions" | "transcripts">;
  now: () => Date;
}) {
  const app = new Hono<AuthEnv>();

  app.get("/:id/messages", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const query = parseWith(MessageSearchQuery, c.req.query());
    const limit = Math.min(Number(query.limit ?? DEFAULT_SEARCH_LIMIT), MAX_SEARCH_LIMIT);
    if (limit < 1) throw new AppError("validation_failed", "limit: at least 1.");
    return c.json({ results: await deps.repos.transcripts.searchMessages(businessId, query.q, limit) });
  });

  app.get("/:id/messages/export", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const format = parseWith(ExportQuery, c.req.query()).format ?? "json";
    const exportedAt = deps.now().toISOString();
    const stamp = exportedAt.slice(0, 10);
    c.header(
      "Content-Disposition",
      `attachment; filename="supportal-${businessId}-transcripts-${stamp}.${format}"`,
    );
    c.header("Cache-Control", "no-store");
    c.header(
      "Content-Type",
      format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    );
    return c.body(streamTranscripts(deps.repos.sessions, { businessId, exportedAt, format }));
  });

  return app;
}
