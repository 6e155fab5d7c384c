import type { Business, Document } from "@supportal/shared";
import { useEffect, useRef, useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { useUploads } from "../hooks/use-uploads";
import { describeDocument } from "../upload-status";
import { DocumentTable } from "./DocumentTable";
import { DropZone } from "./DropZone";
import { ErrorNote } from "./ErrorNote";
import { UploadList } from "./UploadList";

const busy = (doc: Document) => doc.status === "pending" || doc.status === "processing";

/** Upload, watch ingestion live, replace and delete documents. */
export function DocumentsPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`documents-${business.id}`);
  // Poll quickly while something is being ingested, slowly otherwise (another tab may upload too).
  const list = useResource(
    `documents-${business.id}`,
    () => api.listDocuments(business.id),
    (data) => (data?.documents.some(busy) ? 1000 : 5000),
  );
  const uploads = useUploads(api, business.id, () => void list.reload());
  const [error, setError] = useState<string>();
  const announcement = useStatusAnnouncements(list.data?.documents);

  const remove = async (doc: Document) => {
    if (!confirm(`Delete "${doc.name}"? The assistant will no longer use it.`)) return;
    setError(undefined);
    try {
      await api.deleteDocument(business.id, doc.id);
      await list.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const retitle = async (doc: Document, title: string | null) => {
    setError(undefined);
    try {
      await api.updateDocument(business.id, doc.id, { title });
      await list.reload();
    } catch (failure) {
      setError(messageOf(failure));
      throw failure;
    }
  };

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Documents
      </h1>
      <p>The assistant answers from these. Upload several at once; each is indexed in the background.</p>
      <DropZone onFiles={(files) => uploads.start(files)} />
      <UploadList items={uploads.items} documents={list.data?.documents} onClear={uploads.clearFinished} />
      <ErrorNote message={error ?? list.error} />
      <p class="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {list.data ? (
        <DocumentTable
          documents={list.data.documents}
          onDelete={remove}
          onReplace={(doc, file) => uploads.start([file], doc.id)}
          onRetitle={retitle}
        />
      ) : (
        !list.error && <p role="status">Loading…</p>
      )}
    </section>
  );
}

/** "faq.pdf is ready" once, when a document finishes; the table itself updates silently. */
function useStatusAnnouncements(documents: Document[] | undefined): string {
  const previous = useRef(new Map<number, Document["status"]>());
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (!documents) return;
    const finished = documents.filter((doc) => {
      const before = previous.current.get(doc.id);
      return before && before !== doc.status && !busy(doc);
    });
    previous.current = new Map(documents.map((doc) => [doc.id, doc.status]));
    if (finished.length) setMessage(finished.map(describeDocument).join(" "));
  }, [documents]);
  return message;
}
