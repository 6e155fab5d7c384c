import { DocumentPatch } from "@supportal/shared";
import { type Context, Hono } from "hono";
import type { QualityLoop } from "../checks/quality-loop";
import type { Repositories } from "../db/repositories";
import type { Config } from "../env";
import { AppError } from "../errors";
import { type AuthEnv, ownedBusinessId } from "../http/auth";
import { parseId, readJson } from "../http/read-json";
import type { VectorStore } from "../rag/vector-store";
import { toDocument } from "./document-repo";
import type { FileStore } from "./file-store";
import type { IngestionQueue } from "./ingestion-scheduler";
import { receiveUpload } from "./receive-upload";
import { uploadDocument } from "./upload-document";

/** What the document routes (upload, replace, delete) use. */
export interface DocumentRouteDeps {
  repos: Pick<Repositories, "businesses" | "documents">;
  files: FileStore;
  store: VectorStore;
  now: () => Date;
  ingestion: Pick<IngestionQueue, "enqueue">;
  config: Pick<Config, "maxFileSize">;
  /** Golden questions run again once a document is gone. */
  quality: Pick<QualityLoop, "documentDeleted">;
}

/** `/api/businesses/:id/documents`: upload, list, status, title and delete. */
export function documentRoutes(deps: DocumentRouteDeps) {
  const app = new Hono<AuthEnv>();

  async function ownedDocument(c: Context<AuthEnv>) {
    const businessId = await ownedBusinessId(c, deps.repos);
    const docId = parseId(c.req.param("docId"), "document");
    const row = await deps.repos.documents.findDocumentRow(businessId, docId);
    if (!row) throw new AppError("not_found", `No document with id ${docId} in this business.`);
    return row;
  }

  app.post("/:id/documents", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    const upload = await receiveUpload(c.req.raw, {
      maxFileSize: deps.config.maxFileSize,
      tempPath: deps.files.tempPath(),
    });
    const document = await uploadDocument(
      { repos: deps.repos, files: deps.files, now: deps.now, enqueue: deps.ingestion.enqueue },
      { businessId, ...upload },
    );
    return c.json(document, 202);
  });

  app.get("/:id/documents", async (c) => {
    const businessId = await ownedBusinessId(c, deps.repos);
    return c.json({ documents: (await deps.repos.documents.listDocumentRows(businessId)).map(toDocument) });
  });

  app.get("/:id/documents/:docId", async (c) => c.json(toDocument(await ownedDocument(c))));

  app.patch("/:id/documents/:docId", async (c) => {
    const row = await ownedDocument(c);
    const patch = await readJson(c, DocumentPatch);
    return c.json(
      toDocument(await deps.repos.documents.setDocumentTitle(row.id, patch.title, deps.now().toISOString())),
    );
  });

  app.delete("/:id/documents/:docId", async (c) => {
    const row = await ownedDocument(c);
    await deps.repos.documents.deleteDocumentRow(row.id);
    // Its chunks leave search before we answer, so no later question can cite it.
    await deps.store.deleteDocument(row.businessId, row.id);
    // The same bytes may have been uploaded again meanwhile; then their file stays.
    if (!(await deps.repos.documents.findDocumentBySha(row.businessId, row.sha256)))
      await deps.files.remove(row.businessId, row.sha256);
    deps.quality.documentDeleted(row.businessId, row.name);
    return c.body(null, 204);
  });

  return app;
}
