import { afterAll, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { Document, Insights, Transcript } from "@supportal/shared";
import * as z from "zod";
import { apiClient } from "../testing/api-client";
import { SHOE_FAQ } from "../testing/fixtures";
import { type OpenAIStub, startOpenAIStub } from "../testing/openai-stub";
import { type RunningServer, startServer } from "../testing/spawn-server";
import { newSessionId, openSocket } from "../testing/ws-client";

let stub: OpenAIStub | null = null;
let server: RunningServer | null = null;
let dataDir = "";
afterAll(async () => {
  await server?.stop();
  await stub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test("an answer cut off by kill -9 leaves a stored notice at the next start, counted as unanswered", async () => {
  stub = startOpenAIStub({ apiKey: "sk-test" });
  const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, SUPPORTAL_MODEL_TIMEOUT_MS: "60000" };
  server = await startServer({ env });
  dataDir = server.dataDir;
  const admin = () => apiClient(server!.url, server!.adminToken);
  const { id } = await admin().createBusiness({ name: "Shoe Shop" });
  const uploaded = z.parse(
    Document,
    await (await admin().upload(id, new TextEncoder().encode(SHOE_FAQ), "faq.md")).json(),
  );
  expect((await admin().waitForDocument(id, uploaded.id)).status).toBe("ready");

  // The model API holds the turn open (the query's embedding, then the answer); the process dies meanwhile.
  stub.script.hang = true;
  const before = stub.requests.length;
  const session = newSessionId();
  const socket = await openSocket(`${server.url.replace("http", "ws")}/ws/chat/${id}/${session}`);
  const question = "How long do I have to return shoes?";
  socket.send({ type: "user", message: question });
  await socket.next((f) => f.type === "typing");
  while (stub.requests.length === before) await Bun.sleep(20);
  await server.crash();
  await socket.closed;
  stub.script.hang = false;

  server = await startServer({ dataDir, env });
  const transcript = z.parse(
    Transcript,
    await (await admin().call("GET", `/api/businesses/${id}/sessions/${session}`)).json(),
  );
  expect(transcript.messages.map((m) => m.sender)).toEqual(["user", "system"]);
  expect(transcript.messages[1]?.message.length).toBeGreaterThan(10);
  const insights = z.parse(
    Insights,
    await (await admin().call("GET", `/api/businesses/${id}/insights`)).json(),
  );
  expect(insights.knowledgeGaps.map((gap) => gap.question)).toEqual([question]);

  // Marked once: a second start adds nothing.
  await server.stop();
  server = await startServer({ dataDir, env });
  const again = z.parse(
    Transcript,
    await (await admin().call("GET", `/api/businesses/${id}/sessions/${session}`)).json(),
  );
  expect(again.messages).toHaveLength(2);
});
