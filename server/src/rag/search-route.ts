import { SearchRequest } from "@supportal/shared";
import { Hono } from "hono";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { readJson } from "../http/read-json";
import type { Embedder } from "../providers/embedder";
import { type BestSentences, searchChunks } from "./search-chunks";
import type { VectorStore } from "./vector-store";

/** `POST /api/businesses/:id/search`: the retrieval the chat uses, for owners and integrators. */
export function searchRoutes(deps: {
  repos: Pick<Repositories, "businesses">;
  embedder: Embedder;
  store: VectorStore;
  bestSentences?: BestSentences;
  config: Pick<Config, "topK">;
}) {
  const app = new Hono<AuthEnv>();
  app.post("/:id/search", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
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
