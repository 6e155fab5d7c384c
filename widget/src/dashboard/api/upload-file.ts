import { Document } from "@supportal/shared";
import * as z from "zod/mini";
import { ApiError, apiErrorFrom } from "./api-error";

/**
 * Sends one file as multipart with XMLHttpRequest, the only browser API that reports upload progress.
 * `method` PUT replaces an existing document.
 */
export function uploadFile(options: {
  url: string;
  token: string;
  file: File;
  method?: "POST" | "PUT";
  onProgress: (fraction: number) => void;
}): Promise<Document> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? "POST", options.url);
    xhr.setRequestHeader("authorization", `Bearer ${options.token}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(apiErrorFrom(xhr.status, xhr.response));
      const parsed = z.safeParse(Document, xhr.response);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError(xhr.status, "bad_answer", "The server sent an unexpected answer."));
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "The upload was interrupted."));
    const form = new FormData();
    form.append("file", options.file, options.file.name);
    xhr.send(form);
  });
}
