import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../errors";

export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const IPV4_PRIVATE: [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // carrier-grade NAT 100.64/10
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local 169.254/16, cloud metadata services
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // benchmarking 198.18/15
  [0xe0000000, 3], // multicast and reserved, 224/3
];

function ipv4Number(address: string): number {
  return address.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** Loopback, private, link-local, carrier NAT, multicast or reserved: never a webhook target. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(bare) === 4) {
    const value = ipv4Number(bare);
    return IPV4_PRIVATE.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits));
  }
  if (isIP(bare) !== 6) return true;
  const groups = expandIpv6(bare);
  // ::ffff:a.b.c.d (IPv4-mapped) is the IPv4 address; the rest of ::/96 is reserved.
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    if (groups[5] === 0 && groups[6] === 0 && groups[7]! > 1) return true;
    const v4 = [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
    return groups[5] === 0xffff ? isPrivateAddress(v4) : true;
  }
  const first = groups[0]!;
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, 64:ff9b:1::/48 local NAT64.
  return (
    (first & 0xfe00) === 0xfc00 ||
    (first & 0xffc0) === 0xfe80 ||
    (first & 0xff00) === 0xff00 ||
    (first === 0x64 && groups[1] === 0xff9b && groups[2] === 1)
  );
}

/** Eight 16-bit groups of an IPv6 address (a dotted IPv4 tail folded into the last two). */
function expandIpv6(address: string): number[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * A webhook URL must be http(s) and, unless private targets are allowed (tests, self-hosted
 * setups), must resolve only to public addresses: checked when saved and again before each delivery,
 * since a name can be re-pointed after it was saved.
 */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean; resolve: ResolveHost },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("validation_failed", "url: not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("validation_failed", "url: only http and https URLs can receive webhooks.");
  }
  if (url.username || url.password) {
    throw new AppError(
      "validation_failed",
      "url: credentials in the URL are not allowed; verify the signature instead.",
    );
  }
  if (options.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal")
  ) {
    throw new AppError("validation_failed", "url: loopback and private network targets are not allowed.");
  }
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await options.resolve(host);
  } catch {
    throw new AppError("validation_failed", `url: the host ${host} could not be resolved.`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new AppError("validation_failed", "url: loopback and private network targets are not allowed.");
  }
  return url;
}
