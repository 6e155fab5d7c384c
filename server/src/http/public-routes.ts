import { Hono } from "hono";
import { cors } from "hono/cors";
import { findBusinessRow, toPublicConfig } from "../businesses/business-repo";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { parseId } from "./read-json";

/** Unauthenticated, secret-free routes: health and the widget's per-business defaults. */
export function publicRoutes(deps: Deps) {
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
  app.get("/api/public/businesses/:id/config", (c) => {
    const id = parseId(c.req.param("id"), "business");
    const row = findBusinessRow(deps.db, id);
    if (!row) throw new AppError("not_found", `No business with id ${id}.`);
    c.header("Cache-Control", "public, max-age=60");
    return c.json(toPublicConfig(row));
  });

  return app;
}
