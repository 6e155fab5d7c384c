// A server for the chat benchmark, run as a subprocess so that its CPU time and memory are its own.
// `bun bench/chat-serve.ts supportal|bare|bare-chat|stub`; prints one JSON line when ready, then
// answers commands on stdin, one a line: "stats" (after a full GC: rss, heap, cpu time), "gc" (a full
// GC, then "{}"), "cpu" (cpu time only, no GC, for the edges of a measured window), "settled" (once
// ingestion and the answer sentences' vectors are done, "{}") and "stop".
import type { WebSocketHandler } from "bun";
import { createOpenAIClient } from "../server/src/providers/openai-client";
import { startOpenAIStub } from "../server/src/testing/openai-stub";
import { startTestServer } from "../server/src/testing/test-server";

const kind = process.argv[2];

/** A bare Bun WebSocket server on a free loopback port: a floor to measure Supportal against. */
function serveSockets(websocket: WebSocketHandler<undefined>) {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (request, srv) =>
      srv.upgrade(request) ? undefined : new Response("upgrade required", { status: 426 }),
    websocket,
  });
  const url = `http://127.0.0.1:${server.port}`;
  return { info: { url, wsUrl: url.replace("http", "ws") }, stop: async () => void server.stop(true) };
}

async function start(): Promise<{
  info: Record<string, unknown>;
  stop: () => Promise<void>;
  settled?: () => Promise<void>;
}> {
  if (kind === "supportal") {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          /^(SUPPORTAL_|OPENAI_)/.test(entry[0]) && typeof entry[1] === "string",
      ),
    );
    const server = await startTestServer({ env });
    return {
      info: { url: server.url, wsUrl: server.wsUrl, adminToken: server.adminToken },
      stop: () => server.stop({ removeData: true }),
      async settled() {
        await server.deps.ingestion.idle();
        await server.deps.sentenceFill?.idle();
      },
    };
  }
  if (kind === "bare") {
    // The floor: Bun's own WebSocket server, echoing every frame, nothing else.
    return serveSockets({
      message(ws, message) {
        ws.send(message);
      },
    });
  }
  if (kind === "bare-chat") {
    // The floor of a chat turn with a model: Bun's WebSocket server making the same model calls
    // through the same SDK (the question's embedding, then the streamed answer) and relaying the
    // pieces as frames; no retrieval, no database, no limits.
    const client = createOpenAIClient({
      baseURL: process.env.OPENAI_BASE_URL!,
      apiKey: process.env.OPENAI_API_KEY!,
      timeoutMs: 30_000,
      maxRetries: 1,
    });
    return serveSockets({
      async message(ws, raw) {
        const { message } = JSON.parse(String(raw)) as { message: string };
        const id = crypto.randomUUID();
        await client.embeddings.create({ model: "bench", input: [message] });
        const stream = await client.chat.completions.create({
          model: "bench",
          stream: true,
          messages: [{ role: "user", content: message }],
        });
        let text = "";
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (!delta) continue;
          text += delta;
          ws.send(JSON.stringify({ type: "delta", id, delta }));
        }
        ws.send(JSON.stringify({ type: "message", id, sender: "assistant", message: text }));
      },
    });
  }
  if (kind === "stub") {
    // The default reply quotes the last user message, so a rewritten follow-up still finds the text.
    const stub = startOpenAIStub();
    return { info: { url: stub.url }, stop: () => stub.stop() };
  }
  throw new Error(`unknown server kind ${kind}`);
}

const { info, stop, settled } = await start();
console.log(JSON.stringify({ ready: true, pid: process.pid, ...info }));

for await (const line of console) {
  const command = line.trim();
  if (command === "stats") {
    Bun.gc(true);
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    console.log(
      JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, cpuMicros: cpu.user + cpu.system }),
    );
  } else if (command === "gc") {
    Bun.gc(true);
    console.log("{}");
  } else if (command === "cpu") {
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ cpuMicros: cpu.user + cpu.system }));
  } else if (command === "settled") {
    await settled?.();
    console.log("{}");
  } else if (command === "stop") {
    await stop();
    process.exit(0);
  }
}
