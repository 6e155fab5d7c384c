import { open, rm } from "node:fs/promises";
import { AppError } from "../errors";
import { readBody } from "../http/read-body";
import { MULTIPART_OVERHEAD } from "../http/request-limits";

/**
 * Streams a multipart body to a temp file, refusing it as soon as it passes the limit, then reads
 * the `file` field back. Memory never holds more than the limit, whatever the client sends.
 */
export async function receiveUpload(
  request: Request,
  options: { maxFileSize: number; tempPath: string },
): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError(
      "unsupported_media_type",
      "Upload the file as multipart/form-data in a field named `file`.",
    );
  }
  const maxBody = options.maxFileSize + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBody) throw tooLarge(options.maxFileSize);
  if (!request.body) throw new AppError("bad_request", "The upload has no body.");

  // A file handle, not Bun's FileSink: a sink's failed write (ENOSPC) is a promise nobody awaits,
  // which ends the process; every write here is awaited and its failure handled.
  const temp = await open(options.tempPath, "w");
  try {
    for await (const piece of readBody(request, maxBody, () => tooLarge(options.maxFileSize))) {
      await temp.write(piece);
    }
    await temp.close();
    // Bun's multipart parser misreads a Response over a BunFile, so the bytes (already capped
    // at the limit) are read back first.
    const body = await Bun.file(options.tempPath).bytes();
    const form = await new Response(body, {
      headers: { "content-type": contentType },
    })
      .formData()
      .catch(() => {
        throw new AppError("bad_request", "The multipart body could not be read.");
      });
    const file = form.get("file");
    if (!(file instanceof Blob)) {
      throw new AppError("bad_request", "Put the document in a multipart field named `file`.");
    }
    if (file.size > options.maxFileSize) throw tooLarge(options.maxFileSize);
    // A part sent with `filename=""` is a File whose name Bun leaves undefined.
    const name = file instanceof File && typeof file.name === "string" ? file.name : "";
    return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
  } finally {
    await temp.close().catch(() => undefined);
    await rm(options.tempPath, { force: true });
  }
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The file is larger than the limit of ${formatBytes(limit)}.`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
