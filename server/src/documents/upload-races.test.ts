import { expect, test } from "bun:test";
import { Document } from "@supportal/shared";
import { readBody } from "../testing/api-client";
import { useTestServer } from "../testing/use-test-server";

const live = useTestServer();

const text = (words: string) => new TextEncoder().encode(`${words}\n`);

test("the same bytes uploaded in parallel make one document, never a 500", async () => {
  const business = await live.admin.createBusiness({ name: "Races" });
  const bytes = text("Parallel uploads of one file must meet in one document.");
  const responses = await Promise.all(
    Array.from({ length: 4 }, () => live.admin.upload(business.id, bytes, "same.txt")),
  );
  expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202]);
  const ids = new Set(await Promise.all(responses.map(async (r) => (await readBody(r, Document)).id)));
  expect(ids.size).toBe(1);
});

test("two documents replaced by the same bytes in parallel: one 202, one 409", async () => {
  const business = await live.admin.createBusiness({ name: "Replace races" });
  const ids: number[] = [];
  for (const words of ["First version of A.", "First version of B."]) {
    ids.push((await live.admin.uploadDocument(business.id, text(words), "doc.txt")).id);
  }
  const bytes = text("The one new version both want.");
  const put = (id: number) => {
    const form = new FormData();
    form.append("file", new File([bytes], "new.txt"));
    return fetch(`${live.server.url}/api/businesses/${business.id}/documents/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${live.server.adminToken}` },
      body: form,
    });
  };
  const statuses = (await Promise.all(ids.map(put))).map((r) => r.status).sort();
  expect(statuses).toEqual([202, 409]);
});
