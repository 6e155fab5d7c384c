import { AppError } from "../errors";

/**
 * A request body piece by piece, refused with `tooLarge()` as soon as it passes `maxBytes`. A client
 * that goes away mid-body is not our failure: one log line and a 400, never a 5xx with a stack.
 */
export async function* readBody(
  request: Request,
  maxBytes: number,
  tooLarge: () => AppError,
): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  let received = 0;
  for (;;) {
    let read: Awaited<ReturnType<typeof reader.read>>;
    try {
      read = await reader.read();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(
        `[supportal] ${request.method} ${new URL(request.url).pathname}: the client left after ${received} bytes (${reason})`,
      );
      throw new AppError("bad_request", "The request body was cut off before it was complete.");
    }
    if (read.done) return;
    received += read.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    yield read.value;
  }
}
