import { BlockList, isIP } from "node:net";

/** `loopback` in SUPPORTAL_TRUST_PROXY: a proxy on the same machine. */
const LOOPBACK = ["127.0.0.0/8", "::1"];

/**
 * Parses SUPPORTAL_TRUST_PROXY: comma-separated addresses or CIDR ranges of the proxies allowed to
 * say who the client is, or `loopback`. Returns the error sentence for a bad entry.
 */
export function parseTrustedProxies(text: string): string[] | { error: string } {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => (entry.toLowerCase() === "loopback" ? LOOPBACK : [entry]));
  for (const entry of entries) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!family || !prefixOk || extra !== undefined) {
      return { error: `"${entry}" is not an IP address, a CIDR range or "loopback"` };
    }
  }
  return entries;
}

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy; then the nearest
 * address in `Forwarded` (or `X-Forwarded-For`) that is not itself a trusted proxy, reading from the
 * right, since everything left of the last trusted hop may have been written by the client.
 */
export function createClientAddress(trusted: string[]): (peer: string, headers: Headers) => string {
  if (trusted.length === 0) return (peer) => peer;
  const list = new BlockList();
  for (const entry of trusted) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
  };
  return (peer, headers) => {
    if (!isTrusted(peer)) return peer;
    const hops = forwardedFor(headers);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return peer;
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}

/** The `for=` addresses of `Forwarded` (RFC 7239), else those of `X-Forwarded-For`, oldest first. */
function forwardedFor(headers: Headers): string[] {
  const forwarded = headers.get("forwarded");
  if (forwarded) {
    return [...forwarded.matchAll(/(?:^|[;,])\s*for\s*=\s*("[^"]*"|[^;,\s]+)/gi)].map((match) =>
      unbracket(match[1]!.replaceAll('"', "")),
    );
  }
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => unbracket(hop.trim()))
    .filter(Boolean);
}

/** `[2001:db8::1]:4711` → `2001:db8::1`; `192.0.2.1:4711` → `192.0.2.1`. */
function unbracket(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4WithPort ? v4WithPort[1]! : hop;
}
