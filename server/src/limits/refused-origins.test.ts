import { expect, test } from "bun:test";
import { LimitsReport, PublicConfig } from "@supportal/shared";
import { errorCode, readBody } from "../testing/api-client";
import { useTestServer } from "../testing/use-test-server";
import { handshakeStatus, newSessionId } from "../testing/ws-client";
import { MAX_REFUSED_ORIGINS } from "./refused-origins-repo";

const live = useTestServer();

const config = (businessId: number, origin?: string) =>
  fetch(`${live.server.url}/api/public/businesses/${businessId}/config`, {
    headers: origin ? { origin } : {},
  });
const refused = async (businessId: number) =>
  (await live.admin.get(LimitsReport, "GET", `/api/businesses/${businessId}/limits`)).refusedOrigins;

test("the public config applies the chat's origin check, readable cross-origin, so the widget can stop", async () => {
  const business = await live.admin.createBusiness({
    name: "Listed",
    allowedOrigins: ["https://shop.example"],
  });
  const foreign = await config(business.id, "https://evil.example");
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get("access-control-allow-origin")).toBe("*");
  expect(await errorCode(foreign)).toBe("forbidden");
  expect(await readBody(await config(business.id, "https://shop.example"), PublicConfig)).toMatchObject({
    id: business.id,
  });
  // Same-origin pages and servers send no Origin: the config stays readable to them.
  expect((await config(business.id)).status).toBe(200);
  expect((await config(987654, "https://shop.example")).status).toBe(404);
  // A business that lists no origins accepts every site.
  const open = await live.admin.createBusiness({ name: "Open" });
  expect((await config(open.id, "https://evil.example")).status).toBe(200);
  expect(await refused(open.id)).toEqual([]);
});

test("refused origins are recorded for the owner, from the config and from chat handshakes", async () => {
  const business = await live.admin.createBusiness({
    name: "Watched",
    allowedOrigins: ["https://shop.example"],
  });
  const url = `${live.server.wsUrl}/ws/chat/${business.id}/${newSessionId()}`;
  expect(await handshakeStatus(url, { Origin: "https://copycat.example" })).toBe(403);
  expect(await handshakeStatus(url)).toBe(403);
  await config(business.id, "https://copycat.example");
  expect(await handshakeStatus(url, { Origin: "https://shop.example" })).toBe(101);
  const list = await refused(business.id);
  // Sorted here: the two last refusals may fall in the same millisecond.
  const counted = list.map(({ origin, attempts }) => ({ origin, attempts }));
  expect(counted.sort((a, b) => a.origin.localeCompare(b.origin))).toEqual([
    { origin: "", attempts: 1 },
    { origin: "https://copycat.example", attempts: 2 },
  ]);
});

test("the list is bounded: a flood of invented origins keeps only the most recent, each cut short", async () => {
  const business = await live.admin.createBusiness({
    name: "Flooded",
    allowedOrigins: ["https://shop.example"],
  });
  for (let i = 0; i < MAX_REFUSED_ORIGINS + 5; i++) {
    await config(
      business.id,
      `https://spam-${i}.example${i === MAX_REFUSED_ORIGINS + 4 ? "x".repeat(500) : ""}`,
    );
  }
  const list = await refused(business.id);
  expect(list).toHaveLength(MAX_REFUSED_ORIGINS);
  expect(list[0]?.origin.length).toBe(200);
  expect(list.some((entry) => entry.origin === "https://spam-0.example")).toBe(false);
});
