import type { Document } from "@supportal/shared";
import { formatBytes, formatDateTime } from "../format";
import { DocumentTitle } from "./DocumentTitle";
import { ACCEPT } from "./DropZone";
import { StatusBadge } from "./StatusBadge";

/** The business's documents; on a phone each row becomes a card (see dashboard.css). */
export function DocumentTable({
  documents,
  onDelete,
  onReplace,
  onRetitle,
}: {
  documents: Document[];
  onDelete: (doc: Document) => void;
  onReplace: (doc: Document, file: File) => void;
  onRetitle: (doc: Document, title: string | null) => Promise<void>;
}) {
  if (documents.length === 0) return <p>No documents yet. Upload the first ones above.</p>;
  return (
    <table class="table documents">
      <caption class="sr-only">Documents</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Title in citations</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Status</th>
          <th scope="col">Chunks</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {documents.map((doc) => (
          <tr key={doc.id} data-testid="document" data-document-id={doc.id}>
            <th scope="row" data-label="Name">
              {doc.name}
            </th>
            <td data-label="Title">
              <DocumentTitle doc={doc} onSave={onRetitle} />
            </td>
            <td data-label="Type">{doc.type}</td>
            <td data-label="Size">{formatBytes(doc.size)}</td>
            <td data-label="Status">
              <StatusBadge status={doc.status} error={doc.error} />
            </td>
            <td data-label="Chunks" data-testid="chunks">
              {doc.chunkCount}
            </td>
            <td data-label="Updated">{formatDateTime(doc.updatedAt)}</td>
            <td class="actions">
              <label class="button secondary" for={`replace-${doc.id}`}>
                Replace<span class="sr-only"> {doc.name}</span>
              </label>
              <input
                id={`replace-${doc.id}`}
                class="file-input"
                type="file"
                accept={ACCEPT}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  event.currentTarget.value = "";
                  if (file) onReplace(doc, file);
                }}
              />
              <button type="button" class="danger" onClick={() => onDelete(doc)}>
                Delete<span class="sr-only"> {doc.name}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
