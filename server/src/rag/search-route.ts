import { SearchRequest } from "@supportal/shared";
import { Hono } from "hono";
import type { Deps } from "../deps";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { readJson } from "../http/read-json";
import { searchChunks } from "./search-chunks";

/** `POST /api/businesses/:id/search`: the retrieval the chat uses, for owners and integrators. */
export function searchRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.post("/:id/search", async (c) => {
    const businessId = ownedBusinessId(c, deps.db);
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
