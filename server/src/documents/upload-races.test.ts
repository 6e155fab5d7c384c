import { afterAll, beforeAll, expect, test } from "bun:test";
import { Document } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { startTestServer, type TestServer } from "../testing/test-server";

let server: TestServer;
let admin: ReturnType<typeof apiClient>;
beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server.stop({ removeData: true }));

const text = (words: string) => new TextEncoder().encode(`${words}\n`);

test("the same bytes uploaded in parallel make one document, never a 500", async () => {
  const business = await admin.createBusiness({ name: "Races" });
  const bytes = text("Parallel uploads of one file must meet in one document.");
  const responses = await Promise.all(
    Array.from({ length: 4 }, () => admin.upload(business.id, bytes, "same.txt")),
  );
  expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202]);
  const ids = new Set(await Promise.all(responses.map(async (r) => (await readBody(r, Document)).id)));
  expect(ids.size).toBe(1);
});

test("two documents replaced by the same bytes in parallel: one 202, one 409", async () => {
  const business = await admin.createBusiness({ name: "Replace races" });
  const ids: number[] = [];
  for (const words of ["First version of A.", "First version of B."]) {
    ids.push((await admin.uploadDocument(business.id, text(words), "doc.txt")).id);
  }
  const bytes = text("The one new version both want.");
  const put = (id: number) => {
    const form = new FormData();
    form.append("file", new File([bytes], "new.txt"));
    return fetch(`${server.url}/api/businesses/${business.id}/documents/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: form,
    });
  };
  const statuses = (await Promise.all(ids.map(put))).map((r) => r.status).sort();
  expect(statuses).toEqual([202, 409]);
});
