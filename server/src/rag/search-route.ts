import { SearchRequest } from "@supportal/shared";
import { Hono } from "hono";
import { findBusinessRow } from "../businesses/business-repo";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type AuthEnv, requireBusinessAccess } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import { searchChunks } from "./search-chunks";

/** `POST /api/businesses/:id/search`: the retrieval the chat uses, for owners and integrators. */
export function searchRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.post("/:id/search", async (c) => {
    const businessId = parseId(c.req.param("id"), "business");
    requireBusinessAccess(c, businessId);
    if (!findBusinessRow(deps.db, businessId))
      throw new AppError("not_found", `No business with id ${businessId}.`);
    const input = await readJson(c, SearchRequest);
    const ranked = await searchChunks(deps, {
      businessId,
      query: input.query,
      k: input.k ?? deps.config.topK,
      mode: input.mode ?? "hybrid",
    });
    return c.json({
      results: ranked.map((chunk) => ({
        documentId: chunk.documentId,
        documentName: chunk.documentName,
        chunkIndex: chunk.chunkIndex,
        text: chunk.text,
        score: chunk.score,
        ...(chunk.page ? { page: chunk.page } : {}),
        ...(chunk.heading ? { heading: chunk.heading } : {}),
      })),
    });
  });
  return app;
}
