import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Business, BusinessWithKey, ErrorBody } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";
import { useTestServer } from "../testing/use-test-server";
import { handshakeStatus, newSessionId, openSocket } from "../testing/ws-client";

describe("allowed origins are normalised on write; impossible ones refused", () => {
  const live = useTestServer();

  test("case, default ports and a trailing slash are normalised, duplicates kept once", async () => {
    const response = await live.admin.call("POST", "/api/businesses", {
      name: "Shop",
      allowedOrigins: [
        "https://Shop.Example.com",
        "https://shop.example.com:443",
        "http://shop.example.com:8080/",
      ],
    });
    const created = z.parse(BusinessWithKey, await response.json());
    expect(created.allowedOrigins).toEqual(["https://shop.example.com", "http://shop.example.com:8080"]);
    const patched = await live.admin.call("PATCH", `/api/businesses/${created.id}`, {
      allowedOrigins: ["HTTPS://BÜCHER.example"],
    });
    expect(z.parse(Business, await patched.json()).allowedOrigins).toEqual(["https://xn--bcher-kva.example"]);
    // The browser sends the normalised form; it now matches.
    const url = `${live.server.wsUrl}/ws/chat/${created.id}/${newSessionId()}`;
    expect(await handshakeStatus(url, { Origin: "https://xn--bcher-kva.example" })).toBe(101);
  });

  test.each([
    "https://shop.example.com:99999",
    "https://shop.example.com:0",
    "https://shop.example.com/shop",
    "https://shop.example.com?x=1",
    "ftp://shop.example.com",
    "https://user@shop.example.com",
    "shop.example.com",
  ])("%s is a 400", async (origin) => {
    const response = await live.admin.call("POST", "/api/businesses", {
      name: "Shop",
      allowedOrigins: [origin],
    });
    expect(response.status).toBe(400);
    expect(z.parse(ErrorBody, await response.json()).error.code).toBe("validation_failed");
  });
});

describe("the server's own origin comes from configuration, never from Host", () => {
  let server: TestServer;
  let businessId: number;
  beforeAll(async () => {
    server = await startTestServer({ env: { SUPPORTAL_PUBLIC_URL: "https://support.example.com/" } });
    businessId = (
      await apiClient(server.url, server.adminToken).createBusiness({
        name: "Shop",
        allowedOrigins: ["https://shop.example"],
      })
    ).id;
  });
  afterAll(() => server.stop({ removeData: true }));
  const url = () => `${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`;

  test("a spoofed Host does not make its origin the server's own", async () => {
    expect(await handshakeStatus(url(), { Host: "evil.example", Origin: "http://evil.example" })).toBe(403);
    expect(await handshakeStatus(url(), { Host: "evil.example", Origin: "https://evil.example" })).toBe(403);
  });

  test("SUPPORTAL_PUBLIC_URL is the server's own origin; listed origins pass; others do not", async () => {
    expect(await handshakeStatus(url(), { Origin: "https://support.example.com" })).toBe(101);
    expect(await handshakeStatus(url(), { Origin: "https://shop.example" })).toBe(101);
    expect(await handshakeStatus(url(), { Origin: server.url })).toBe(403);
  });
});

describe("SUPPORTAL_TRUST_PROXY", () => {
  /** Opens a socket as if through a proxy for `client`, and says whether it was let in. */
  async function connects(server: TestServer, businessId: number, client: string) {
    const url = `${server.wsUrl}/ws/chat/${businessId}/${newSessionId()}`;
    return openSocket(url, { headers: { "X-Forwarded-For": client } }).catch(() => null);
  }

  test("off (the default): the forwarded address is ignored, every visitor shares the peer's", async () => {
    const server = await startTestServer({ env: { SUPPORTAL_MAX_SOCKETS_PER_IP: "1" } });
    try {
      const { id } = await apiClient(server.url, server.adminToken).createBusiness();
      const first = await connects(server, id, "203.0.113.1");
      expect(first).not.toBeNull();
      expect(await connects(server, id, "203.0.113.2")).toBeNull();
      await first?.close();
    } finally {
      await server.stop({ removeData: true });
    }
  });

  test("on for loopback: each forwarded client has its own limits", async () => {
    const server = await startTestServer({
      env: { SUPPORTAL_MAX_SOCKETS_PER_IP: "1", SUPPORTAL_TRUST_PROXY: "loopback" },
    });
    try {
      const { id } = await apiClient(server.url, server.adminToken).createBusiness();
      const first = await connects(server, id, "203.0.113.1");
      const second = await connects(server, id, "203.0.113.2");
      expect(first).not.toBeNull();
      expect(second).not.toBeNull();
      expect(await connects(server, id, "203.0.113.1")).toBeNull();
      await Promise.all([first?.close(), second?.close()]);
    } finally {
      await server.stop({ removeData: true });
    }
  });
});
