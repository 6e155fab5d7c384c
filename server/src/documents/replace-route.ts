import { Hono } from "hono";
import { findBusinessRow } from "../businesses/business-repo";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { type AuthEnv, requireBusinessAccess } from "../http/auth";
import { parseId } from "../http/read-json";
import { receiveUpload } from "./receive-upload";
import { replaceDocument } from "./replace-document";

/** `PUT /api/businesses/:id/documents/:docId`: a new version of a document, re-ingested under the same id. */
export function replaceDocumentRoute(deps: Deps) {
  const app = new Hono<AuthEnv>();

  app.put("/:id/documents/:docId", async (c) => {
    const businessId = parseId(c.req.param("id"), "business");
    requireBusinessAccess(c, businessId);
    if (!findBusinessRow(deps.db, businessId))
      throw new AppError("not_found", `No business with id ${businessId}.`);
    const documentId = parseId(c.req.param("docId"), "document");
    const upload = await receiveUpload(c.req.raw, {
      maxFileSize: deps.config.maxFileSize,
      tempPath: deps.files.tempPath(),
    });
    const document = await replaceDocument(
      { db: deps.db, files: deps.files, store: deps.store, now: deps.now, enqueue: deps.ingestion.enqueue },
      { businessId, documentId, ...upload },
    );
    return c.json(document, 202);
  });

  return app;
}
