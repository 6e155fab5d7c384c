import { describe, expect, test } from "bun:test";
import { ApiKeyAnswer, Business, BusinessList, ErrorBody, Health, PublicConfig } from "@supportal/shared";
import { apiClient, errorCode, readBody } from "../testing/api-client";
import { useTestServer } from "../testing/use-test-server";

const live = useTestServer();

describe("businesses", () => {
  test("admin creates a business and gets its key once", async () => {
    const created = await live.admin.createBusiness({
      name: "  Acme Shoes ",
      allowedOrigins: ["https://shop.example.com"],
      theme: { color: "#1f6feb", position: "left" },
      greeting: "Hi!",
    });
    expect(created.name).toBe("Acme Shoes");
    expect(created.apiKey).toMatch(/^sp_\d+_[A-Za-z0-9_-]{32}$/);
    expect(created.theme).toEqual({ color: "#1f6feb", position: "left" });
    const read = await live.admin.get(Business, "GET", `/api/businesses/${created.id}`);
    expect(read).not.toHaveProperty("apiKey");
    expect(read).not.toHaveProperty("apiKeyHash");
    const list = await live.admin.get(BusinessList, "GET", "/api/businesses");
    expect(list.businesses.map((b) => b.id)).toContain(created.id);
  });

  test("a business key acts on its own business only", async () => {
    const a = await live.admin.createBusiness({ name: "A" });
    const b = await live.admin.createBusiness({ name: "B" });
    const asA = apiClient(live.server.url, a.apiKey);
    expect((await asA.call("GET", `/api/businesses/${a.id}`)).status).toBe(200);
    const patched = await asA.call("PATCH", `/api/businesses/${a.id}`, { greeting: "Hello" });
    expect(patched.status).toBe(200);
    expect((await readBody(patched, Business)).greeting).toBe("Hello");
    for (const [method, path] of [
      ["GET", `/api/businesses/${b.id}`],
      ["PATCH", `/api/businesses/${b.id}`],
      ["DELETE", `/api/businesses/${b.id}`],
      ["POST", `/api/businesses/${b.id}/api-key`],
      ["GET", `/api/businesses/${b.id}/documents`],
      ["GET", `/api/businesses/${b.id}/sessions`],
    ] as const) {
      const response = await asA.call(method, path, method === "PATCH" ? { name: "pwned" } : undefined);
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe("forbidden");
    }
    // Admin-only collection endpoints.
    expect((await asA.call("GET", "/api/businesses")).status).toBe(403);
    expect((await asA.call("POST", "/api/businesses", { name: "x" })).status).toBe(403);
  });

  test("no token, a wrong token and a forged key are 401", async () => {
    const a = await live.admin.createBusiness({ name: "C" });
    expect((await fetch(`${live.server.url}/api/businesses`)).status).toBe(401);
    expect((await apiClient(live.server.url, "nope").call("GET", "/api/businesses")).status).toBe(401);
    const forged = `sp_${a.id}_${"A".repeat(32)}`;
    const response = await apiClient(live.server.url, forged).call("GET", `/api/businesses/${a.id}`);
    expect(response.status).toBe(401);
    expect(await readBody(response, ErrorBody)).toEqual({
      error: { code: "unauthorized", message: "The token is not valid." },
    });
  });

  test("rotating the key retires the old one", async () => {
    const a = await live.admin.createBusiness({ name: "D" });
    const rotated = await apiClient(live.server.url, a.apiKey).call(
      "POST",
      `/api/businesses/${a.id}/api-key`,
    );
    const { apiKey } = await readBody(rotated, ApiKeyAnswer);
    expect(apiKey).not.toBe(a.apiKey);
    expect((await apiClient(live.server.url, a.apiKey).call("GET", `/api/businesses/${a.id}`)).status).toBe(
      401,
    );
    expect((await apiClient(live.server.url, apiKey).call("GET", `/api/businesses/${a.id}`)).status).toBe(
      200,
    );
  });

  test("bad bodies are 400/415 with a readable message, never 500", async () => {
    const cases: Array<[unknown, number]> = [
      [{}, 400],
      [{ name: "" }, 400],
      [{ name: "x", allowedOrigins: ["javascript:alert(1)"] }, 400],
      [{ name: "x", theme: { color: "red" } }, 400],
      [{ name: "x", unknownField: 1 }, 400],
      [{ name: "x".repeat(201) }, 400],
      [[1, 2], 400],
      [null, 400],
    ];
    for (const [body, status] of cases) {
      const response = await live.admin.call("POST", "/api/businesses", body);
      expect(response.status).toBe(status);
      const json = await readBody(response, ErrorBody);
      expect(json.error.message.length).toBeGreaterThan(3);
      expect(json.error.message).not.toContain("at ");
    }
    const notJson = await fetch(`${live.server.url}/api/businesses`, {
      method: "POST",
      headers: { authorization: `Bearer ${live.server.adminToken}`, "content-type": "application/json" },
      body: "{name:",
    });
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe("invalid_json");
    const form = await fetch(`${live.server.url}/api/businesses`, {
      method: "POST",
      headers: { authorization: `Bearer ${live.server.adminToken}`, "content-type": "text/plain" },
      body: "name=x",
    });
    expect(form.status).toBe(415);
  });

  test("unknown and malformed ids are 404", async () => {
    for (const id of ["999999", "abc", "0", "-1", "1.5", "99999999999999999999"]) {
      const response = await live.admin.call("GET", `/api/businesses/${id}`);
      expect(response.status).toBe(404);
    }
  });

  test("deleting a business removes it and its key stops working", async () => {
    const a = await live.admin.createBusiness({ name: "E" });
    expect((await live.admin.call("DELETE", `/api/businesses/${a.id}`)).status).toBe(204);
    expect((await live.admin.call("GET", `/api/businesses/${a.id}`)).status).toBe(404);
    expect((await apiClient(live.server.url, a.apiKey).call("GET", `/api/businesses/${a.id}`)).status).toBe(
      401,
    );
  });

  test("the public config shows no secrets and allows any origin", async () => {
    const a = await live.admin.createBusiness({
      name: "F",
      systemPrompt: "secret prompt",
      theme: { title: "Help" },
    });
    const response = await fetch(`${live.server.url}/api/public/businesses/${a.id}/config`, {
      headers: { origin: "https://anywhere.example" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await readBody(response, PublicConfig)).toEqual({
      id: a.id,
      name: "F",
      greeting: null,
      theme: { title: "Help" },
      handoffEnabled: true,
    });
    expect((await fetch(`${live.server.url}/api/public/businesses/424242/config`)).status).toBe(404);
  });

  test("health and openapi answer without auth", async () => {
    const health = await readBody(await fetch(`${live.server.url}/health`), Health);
    expect(health).toMatchObject({
      status: "ok",
      providers: { embeddings: "use-lite-512", chat: "offline-extractive" },
    });
    const doc = (await (await fetch(`${live.server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/businesses"]?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths)).toContain("/api/businesses/{id}/search");
    const missing = await fetch(`${live.server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe("not_found");
  });
});
