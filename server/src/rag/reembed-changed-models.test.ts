import { afterAll, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { SearchAnswer } from "@supportal/shared";
import { apiClient, readBody } from "../testing/api-client";
import { startOpenAIStub } from "../testing/openai-stub";
import { startTestServer } from "../testing/test-server";

const stub = startOpenAIStub();
let dataDir = "";
afterAll(async () => {
  await stub.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test("a change of embedding model re-embeds every document instead of mixing vectors", async () => {
  const text = new TextEncoder().encode(
    "Gift cards never expire.\n\nGift cards can be spent online and in every shop of ours.",
  );
  const offline = await startTestServer();
  dataDir = offline.dataDir;
  const admin = apiClient(offline.url, offline.adminToken);
  const business = await admin.createBusiness({ name: "Gifts" });
  const doc = await admin.uploadDocument(business.id, text, "gifts.txt");
  const ready = await admin.waitForDocument(business.id, doc.id);
  expect(ready.status).toBe("ready");
  const rowsBefore = await offline.deps.store.countRows(business.id);
  await offline.stop();

  // Same data, now with an OpenAI-compatible embedder: the table's vectors are of another model.
  const online = await startTestServer({
    dataDir,
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url },
    overrides: { chatModel: null },
  });
  try {
    const again = apiClient(online.url, online.adminToken);
    const reembedded = await again.waitForDocument(business.id, doc.id);
    expect(reembedded.status).toBe("ready");
    expect(reembedded.chunkCount).toBe(ready.chunkCount);
    const embedded = stub.requestsTo("/embeddings").flatMap((r) => r.body?.input ?? []);
    expect(embedded.some((input) => input.includes("Gift cards never expire"))).toBe(true);
    expect(await online.deps.store.countRows(business.id)).toBe(rowsBefore);

    const response = await again.call("POST", `/api/businesses/${business.id}/search`, {
      query: "Do gift cards expire?",
    });
    const { results } = await readBody(response, SearchAnswer);
    expect(results[0]?.documentName).toBe("gifts.txt");
  } finally {
    await online.stop();
  }
});
