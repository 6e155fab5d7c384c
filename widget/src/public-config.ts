import type { PublicConfig } from "@supportal/shared";
import { isPublicConfig } from "./frames";

/**
 * The business's public, secret-free settings. Best effort: on any failure the widget goes on with
 * its attributes and defaults, and a slow server holds the launcher back for at most 4 s.
 */
export async function fetchPublicConfig(server: string, business: number): Promise<PublicConfig | undefined> {
  try {
    const response = await requestConfig(server, business);
    const body: unknown = response.ok ? await response.json() : undefined;
    return isPublicConfig(body) ? body : undefined;
  } catch {
    return;
  }
}

const requestConfig = (server: string, business: number) =>
  fetch(new URL(`api/public/businesses/${business}/config`, server), {
    credentials: "omit",
    signal: AbortSignal.timeout?.(4000),
  });

/**
 * True when the server refuses this page's site (403) or has no such business (404): the same
 * checks as the chat's handshake, whose status a browser cannot read. A network failure is not a
 * refusal: the chat keeps retrying then.
 */
export const chatRefused = (server: string, business: number): Promise<boolean> =>
  requestConfig(server, business).then(
    ({ status }) => status === 403 || status === 404,
    () => false,
  );
