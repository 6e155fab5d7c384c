import { describe, expect, test } from "bun:test";
import { createClientAddress, parseTrustedProxies } from "./client-address";

const headers = (entries: Record<string, string>) => new Headers(entries);
const trusting = (text: string) => {
  const parsed = parseTrustedProxies(text);
  if (!Array.isArray(parsed)) throw new Error(parsed.error);
  return createClientAddress(parsed);
};

describe("the client's address", () => {
  test("with no trusted proxy, forwarded headers are ignored", () => {
    const address = createClientAddress([]);
    expect(address("127.0.0.1", headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("127.0.0.1");
  });

  test("from a trusted proxy, the nearest untrusted hop of X-Forwarded-For, read from the right", () => {
    const address = trusting("loopback, 10.0.0.0/8");
    // The client wrote the first entry itself; the proxies appended the rest.
    const chain = headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.2" });
    expect(address("127.0.0.1", chain)).toBe("203.0.113.9");
    expect(address("127.0.0.1", headers({}))).toBe("127.0.0.1");
  });

  test("a peer that is not a trusted proxy cannot choose its address", () => {
    const address = trusting("10.0.0.1");
    expect(address("198.51.100.7", headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("198.51.100.7");
  });

  test("Forwarded (RFC 7239) with quoted IPv6 and ports", () => {
    const address = trusting("::1");
    const forwarded = headers({ forwarded: 'for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711"' });
    expect(address("::1", forwarded)).toBe("2001:db8:cafe::17");
    expect(address("::1", headers({ forwarded: "for=192.0.2.43:8080" }))).toBe("192.0.2.43");
  });

  test("a hop that is not an address (obfuscated or garbage) leaves the proxy's own", () => {
    const address = trusting("loopback");
    expect(address("127.0.0.1", headers({ "x-forwarded-for": "<script>" }))).toBe("127.0.0.1");
  });

  test("bad SUPPORTAL_TRUST_PROXY entries are named", () => {
    expect(parseTrustedProxies("10.0.0.0/33")).toEqual({ error: expect.stringContaining("10.0.0.0/33") });
    expect(parseTrustedProxies("proxy.local")).toEqual({ error: expect.stringContaining("proxy.local") });
    expect(parseTrustedProxies("loopback")).toEqual(["127.0.0.0/8", "::1"]);
  });
});
