/**
 * The origins of the server's own pages (the dashboard's "try it"), from configuration only: a
 * request's `Host` header is the client's to write, so it can never vouch for an origin.
 * `SUPPORTAL_PUBLIC_URL` names it; without it, only a browser on this machine reaches the server
 * by a name we can know: the loopback ones, when the server listens on loopback or everywhere.
 */
export function ownOrigins(config: { publicOrigin?: string; host: string }, port: number): string[] {
  if (config.publicOrigin) return [config.publicOrigin];
  const local = ["127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0", "::"];
  if (!local.includes(config.host) && !config.host.startsWith("127.")) return [];
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}
