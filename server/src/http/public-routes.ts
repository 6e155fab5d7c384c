import type { Server } from "bun";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { toPublicConfig } from "../businesses/business-repo";
import { originAllowed, refuseOrigin } from "../chat/handshake";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { AppError } from "../errors";
import { ownOrigins } from "./own-origins";
import { parseId } from "./read-json";

/** Unauthenticated, secret-free routes: health and the widget's per-business defaults. */
export function publicRoutes(deps: {
  repos: Pick<Repositories, "businesses" | "refusedOrigins">;
  now: () => Date;
  version: string;
  embedder: { id: string };
  chatModel: { id: string } | null;
  config: Pick<Config, "port" | "host" | "publicOrigin">;
}) {
  const app = new Hono();

  app.get("/health", (c) =>
    c.json({
      status: "ok" as const,
      version: deps.version,
      providers: { embeddings: deps.embedder.id, chat: deps.chatModel?.id ?? "offline-extractive" },
    }),
  );

  // Any site may embed the widget, so its config is readable cross-origin; it holds nothing secret.
  app.use("/api/public/*", cors({ origin: "*", allowMethods: ["GET"] }));
  app.get("/api/public/businesses/:id/config", async (c) => {
    const id = parseId(c.req.param("id"), "business");
    const row = await deps.repos.businesses.findBusinessRow(id);
    if (!row) throw new AppError("not_found", `No business with id ${id}.`);
    // The same origin check as the chat's handshake: a browser cannot read the status of a refused
    // WebSocket handshake, so the widget asks here (with its page's Origin) whether chat can work at
    // all, and stops retrying on a 403 or 404. No Origin (same-origin pages, servers) reads it as before.
    const origin = c.req.header("origin");
    const port = (c.env as Server<unknown> | undefined)?.port ?? deps.config.port;
    if (
      origin &&
      row.allowedOrigins.length > 0 &&
      !originAllowed(origin, row.allowedOrigins, ownOrigins(deps.config, port))
    ) {
      await refuseOrigin(deps.repos, id, origin, deps.now);
    }
    c.header("Vary", "Origin");
    c.header("Cache-Control", "public, max-age=60");
    return c.json(toPublicConfig(row));
  });

  return app;
}
