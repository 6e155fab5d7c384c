/**
 * A `fetch` for the `openai` SDK that stops it from retrying when the server asks for a longer wait
 * than `maxWaitMs` (`retry-after-ms`, or `retry-after` in seconds or as a date, read as the SDK reads
 * them): the SDK would sleep that long (up to 60 s) with a customer waiting, and obeys
 * `x-should-retry: false`, so the failure reaches the caller at once.
 */
export function fetchWithRetryWaitCap(maxWaitMs: number, base: typeof fetch = fetch) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await base(input, init);
    if (response.ok) return response;
    const asked = requestedWaitMs(response.headers);
    if (asked === undefined || asked <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The wait a response asks for before a retry, in milliseconds, if it names one. */
export function requestedWaitMs(headers: Headers): number | undefined {
  const millis = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(millis)) return millis;
  const retryAfter = headers.get("retry-after");
  if (!retryAfter) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isFinite(date) ? date - Date.now() : undefined;
}
