import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  /** 0 to 1. */
  progress: number;
  state: "uploading" | "done" | "failed";
  message?: string;
  /** The document the server accepted, whose indexing the list then follows. */
  documentId?: number;
}

let nextKey = 1;

/** Uploads (and replacements) in flight, each with its own progress, sent side by side. */
export function useUploads(api: Api, businessId: number, onUploaded: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = (files: File[], replaceId?: number) => {
    for (const file of files) {
      const key = nextKey++;
      setItems((list) => [
        ...list,
        { key, name: file.name, size: file.size, progress: 0, state: "uploading" },
      ]);
      api
        .uploadDocument(businessId, file, (progress) => update(key, { progress }), replaceId)
        .then((doc) =>
          update(key, {
            progress: 1,
            state: "done",
            documentId: doc.id,
            message: doc.duplicate
              ? "Already uploaded: this is the same file."
              : replaceId
                ? "Replaced; indexing the new version."
                : "Uploaded; indexing.",
          }),
        )
        // Refused: the bytes may all have gone up, but nothing was stored, so no full bar stays.
        .catch((error) => update(key, { state: "failed", progress: 0, message: messageOf(error) }))
        .finally(onUploaded);
    }
  };

  const clearFinished = () => setItems((list) => list.filter((item) => item.state === "uploading"));
  return { items, start, clearFinished, busy: items.some((item) => item.state === "uploading") };
}
