/**
 * An allowed origin as browsers send it in `Origin`: scheme lowercased, host lowercased (IDNs in
 * punycode), the scheme's default port dropped. Null for what no browser can ever send: another
 * scheme, a path, query, fragment or credentials, port 0 or past 65535.
 */
export function normalizeOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  // `new URL` keeps a trailing "/" as the path, so only a bare origin or one ending in "/" gets here.
  if (!/^[a-z]+:\/\/[^/?#]+\/?$/i.test(text.trim())) return null;
  if (url.port === "0" || !url.hostname) return null;
  return url.origin;
}
