import { Hono } from "hono";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId } from "../http/read-json";
import type { DocumentRouteDeps } from "./document-routes";
import { receiveUpload } from "./receive-upload";
import { replaceDocument } from "./replace-document";

/** `PUT /api/businesses/:id/documents/:docId`: a new version of a document, re-ingested under the same id. */
export function replaceDocumentRoute(deps: DocumentRouteDeps) {
  const app = new Hono<AuthEnv>();

  app.put("/:id/documents/:docId", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const documentId = parseId(c.req.param("docId"), "document");
    const upload = await receiveUpload(c.req.raw, {
      maxFileSize: deps.config.maxFileSize,
      tempPath: deps.files.tempPath(),
    });
    const document = await replaceDocument(
      {
        repos: deps.repos,
        files: deps.files,
        store: deps.store,
        now: deps.now,
        enqueue: deps.ingestion.enqueue,
      },
      { businessId, documentId, ...upload },
    );
    return c.json(document, 202);
  });

  return app;
}
