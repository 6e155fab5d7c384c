import { Hono } from "hono";
import { VERSION } from "../version";
import { buildOpenApiDocument } from "./openapi-document";

export function openApiRoute() {
  const app = new Hono();
  const document = buildOpenApiDocument(VERSION);
  app.get("/api/openapi.json", (c) => c.json(document));
  return app;
}
