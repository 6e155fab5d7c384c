import type { PublicConfig } from "@supportal/shared";
import { isPublicConfig } from "./frames";

/**
 * The business's public, secret-free settings. Best effort: on any failure the widget goes on with
 * its attributes and defaults, and a slow server holds the launcher back for at most 4 s.
 */
export async function fetchPublicConfig(server: string, business: number): Promise<PublicConfig | undefined> {
  try {
    const response = await fetch(new URL(`api/public/businesses/${business}/config`, server), {
      credentials: "omit",
      signal: AbortSignal.timeout?.(4000),
    });
    const body: unknown = response.ok ? await response.json() : undefined;
    return isPublicConfig(body) ? body : undefined;
  } catch {
    return;
  }
}
