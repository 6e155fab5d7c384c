import { afterAll, expect, test } from "bun:test";
import { Document } from "@supportal/shared";
import { apiClient } from "../testing/api-client";
import { type RecordedRequest, startOpenAIStub } from "../testing/openai-stub";
import { startTestServer, type TestServer } from "../testing/test-server";

// Each embedding request takes a little while, as a real one does, so the big document's groups
// are still in flight when the small document arrives.
const stub = startOpenAIStub({ script: { firstByteDelayMs: 15 } });
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop({ removeData: true });
  await stub.stop();
});

// About 2,400 rows: some 19 groups of 128 rows, each group one or two embedding requests.
const big = Array.from({ length: 800 }, (_, i) =>
  [
    `## Alpha part ${i}`,
    "",
    `Alpha part ${i} fits the frame of model ${i % 37} and needs ${i % 7} screws of size ${i % 5}.`,
    `Order spare alpha parts ${i} by phone; they ship within ${(i % 4) + 1} days.`,
  ].join("\n"),
).join("\n\n");
const small = "# Bravo hours\n\nBravo opens at nine.";

const inputsOf = (request: RecordedRequest) =>
  typeof request.body?.input === "string" ? [request.body.input] : (request.body?.input ?? []);
const isBravo = (request: RecordedRequest) => inputsOf(request).some((text) => text.includes("Bravo"));
const isAlpha = (request: RecordedRequest) => inputsOf(request).some((text) => text.includes("lpha"));

test("a small document of one business waits for about one group of another's big document, not for all of it", async () => {
  server = await startTestServer({ env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url } });
  const admin = apiClient(server.url, server.adminToken);
  const alpha = await admin.createBusiness({ name: "Alpha" });
  const bravo = await admin.createBusiness({ name: "Bravo" });

  const bigDoc = Document.parse(
    await (await admin.upload(alpha.id, new TextEncoder().encode(big), "parts.md")).json(),
  );
  const embeddings = () => stub.requestsTo("/embeddings");
  while (!embeddings().some(isAlpha)) await Bun.sleep(5);
  const alphaBefore = embeddings().filter(isAlpha).length;
  const smallDoc = Document.parse(
    await (await admin.upload(bravo.id, new TextEncoder().encode(small), "hours.md")).json(),
  );

  expect((await admin.waitForDocument(bravo.id, smallDoc.id, 60_000)).status).toBe("ready");
  const bigWhenSmallReady = Document.parse(
    await (await admin.call("GET", `/api/businesses/${alpha.id}/documents/${bigDoc.id}`)).json(),
  );
  expect(bigWhenSmallReady.status).toBe("processing");
  expect((await admin.waitForDocument(alpha.id, bigDoc.id, 120_000)).status).toBe("ready");

  const log = embeddings();
  const bravoAt = log.findIndex(isBravo);
  const alphaTotal = log.filter(isAlpha).length;
  // Between the small upload and its embedding: what was already running or queued then (the
  // current group, its prefetched successor), and at most one more group; not the other ~17.
  const alphaBetween = log.slice(0, bravoAt).filter(isAlpha).length - alphaBefore;
  expect(alphaTotal).toBeGreaterThan(15);
  expect(alphaBetween).toBeLessThanOrEqual(6);
  expect(alphaTotal - alphaBefore - alphaBetween).toBeGreaterThan(alphaTotal / 2);
}, 180_000);
