// Where a chat turn's time goes: each stage of answer-turn.ts timed on its own, in process, with the
// loopback model, `concurrency` turns at a time (as `concurrency` customers would cause).
import { searchQueries } from "../server/src/chat/standalone-query";
import { searchChunks } from "../server/src/rag/search-chunks";
import { apiClient } from "../server/src/testing/api-client";
import { startOpenAIStub } from "../server/src/testing/openai-stub";
import { startTestServer } from "../server/src/testing/test-server";
import { percentile } from "./chat-process";

export async function profileTurn(input: {
  document: string;
  questions: string[];
  concurrency: number;
  rounds: number;
}) {
  const stub = startOpenAIStub();
  const server = await startTestServer({ env: { OPENAI_BASE_URL: stub.url, OPENAI_API_KEY: "sk-bench" } });
  try {
    const api = apiClient(server.url, server.adminToken);
    const business = await api.createBusiness({ name: "Profile shop" });
    const document = await api.uploadDocument(
      business.id,
      new TextEncoder().encode(input.document),
      "help.md",
    );
    await api.waitForDocument(business.id, document.id);
    const deps = server.deps;
    const chatModel = deps.chatModel!;
    const stages: Record<string, number[]> = {};
    const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
      const started = performance.now();
      const result = await work();
      const times = stages[stage] ?? [];
      times.push(performance.now() - started);
      stages[stage] = times;
      return result;
    };
    const signal = new AbortController().signal;
    const history = [
      { role: "user" as const, content: input.questions[0]! },
      { role: "assistant" as const, content: "An earlier answer." },
    ];
    const run = async (worker: number) => {
      for (let round = 0; round < input.rounds; round++) {
        const question = input.questions[(worker + round) % input.questions.length]!;
        const sessionId = `profile-${worker}-session-id`;
        await time("history read + user message write (SQLite)", async () => {
          await deps.repos.sessions.listSessionMessages(business.id, sessionId, 20);
          await deps.repos.sessions.appendMessage({
            id: crypto.randomUUID(),
            businessId: business.id,
            sessionId,
            sender: "user",
            message: question,
            now: new Date().toISOString(),
          });
        });
        const [query = question] = await time("standalone query rewrite (follow-ups: one model call)", () =>
          searchQueries({ question, history, chatModel, signal }),
        );
        const [vector] = await time("embed the query (loopback embeddings)", () =>
          deps.embedder.embed([query]),
        );
        await time("LanceDB vector search", () => deps.store.vectorSearch(business.id, vector!, 60));
        await time("LanceDB full-text search", () => deps.store.textSearch(business.id, query, 20));
        await time("searchChunks (embed + both searches, in parallel)", () =>
          searchChunks(deps, { businessId: business.id, query, k: deps.config.topK }),
        );
        await time("model: first streamed piece", async () => {
          for await (const _ of chatModel.stream({ messages: [{ role: "user", content: question }], signal }))
            break;
        });
      }
    };
    await run(0);
    for (const key of Object.keys(stages)) stages[key] = [];
    await Promise.all(Array.from({ length: input.concurrency }, (_, worker) => run(worker)));
    return Object.entries(stages).map(([stage, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return { stage, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
  } finally {
    await server.stop({ removeData: true });
    await stub.stop();
  }
}
