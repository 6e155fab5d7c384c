/**
 * The server's base address, ending in "/": the folder the dashboard is served from, so a server
 * behind a path prefix (`/support/dashboard`) works without configuration.
 */
export function serverBase(location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname.replace(/\/dashboard\/?$/, "/").replace(/[^/]*$/, "")}`;
}
