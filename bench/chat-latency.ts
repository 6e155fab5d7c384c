// Server-added latency of a chat turn: from the customer's `user` frame to the first `delta`, with an
// instant OpenAI-compatible model on loopback, against the model's own time to its first streamed
// piece called directly through the SDK in the same run.
import { createOpenAIClient } from "../server/src/providers/openai-client";
import { apiClient } from "../server/src/testing/api-client";
import { openSocket } from "../server/src/testing/ws-client";
import { percentile, spawnServer } from "./chat-process";

export const HELP_TEXT = `# Shipping
We ship every order within two working days. Shipping to Europe takes three to five days; shipping
to the rest of the world takes up to two weeks. Tracking numbers are sent by email.

# Returns
You may return any item within thirty days for a full refund. Damaged items are replaced for free:
send us a photo of the damage and we ship a new one.

# Payment
We accept credit cards, PayPal and bank transfers. Invoices are sent with every order.
`;

export const QUESTIONS = [
  "How long does shipping to Europe take?",
  "Can I return an item for a refund?",
  "Which payment methods do you accept?",
  "What happens when an item arrives damaged?",
  "Do you send tracking numbers for shipping?",
];

export interface LatencyRow {
  sessions: number;
  samples: number;
  endToEnd: { p50: number; p99: number };
  direct: { p50: number; p99: number };
  added: { p50: number; p99: number };
  modelAnswered: number;
}

const summarize = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

/** Runs `sessions` sessions side by side, each sending `turns` questions one after another. */
async function endToEnd(wsBase: string, businessId: number, sessions: number, turns: number) {
  const firstDelta: number[] = [];
  let modelAnswered = 0;
  await Promise.all(
    Array.from({ length: sessions }, async (_, s) => {
      const sessionId = `bench-${sessions}-${s}-${crypto.randomUUID()}`;
      const socket = await openSocket(`${wsBase}/ws/chat/${businessId}/${sessionId}`);
      await socket.next((frame) => frame.type === "history");
      for (let turn = 0; turn < turns; turn++) {
        const from = socket.frames.length;
        const started = performance.now();
        socket.send({ type: "user", message: QUESTIONS[(s + turn) % QUESTIONS.length] });
        await socket.next((frame) => frame.type === "delta", { from });
        firstDelta.push(performance.now() - started);
        const answer = await socket.next(
          (frame) => frame.type === "message" && frame.sender === "assistant",
          { from },
        );
        if (answer.type === "message" && answer.message.startsWith("Stub answer")) modelAnswered++;
      }
      await socket.close();
    }),
  );
  return { firstDelta, modelAnswered };
}

/** The same load straight at the model: time to the first piece of text, through the SDK. */
export async function direct(
  client: ReturnType<typeof createOpenAIClient>,
  sessions: number,
  turns: number,
  sources: string,
) {
  const firstPiece: number[] = [];
  await Promise.all(
    Array.from({ length: sessions }, async (_, s) => {
      for (let turn = 0; turn < turns; turn++) {
        const started = performance.now();
        const stream = await client.chat.completions.create({
          model: "bench",
          stream: true,
          messages: [
            { role: "system", content: sources },
            { role: "user", content: QUESTIONS[(s + turn) % QUESTIONS.length]! },
          ],
        });
        let seen = false;
        for await (const chunk of stream) {
          if (!seen && chunk.choices[0]?.delta?.content) {
            firstPiece.push(performance.now() - started);
            seen = true;
          }
        }
      }
    }),
  );
  return firstPiece;
}

export async function measureLatency(
  plan: { sessions: number; turns: number }[],
): Promise<{ rows: LatencyRow[]; notes: string[] }> {
  const stub = await spawnServer<{ url: string }>("stub");
  const server = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", {
    OPENAI_BASE_URL: stub.info.url,
    OPENAI_API_KEY: "sk-bench",
    SUPPORTAL_SESSION_RATE_PER_MINUTE: "100000",
    SUPPORTAL_IP_RATE_PER_MINUTE: "1000000",
    SUPPORTAL_MAX_SOCKETS_PER_IP: "100000",
    SUPPORTAL_DAILY_MESSAGE_LIMIT: "1000000",
  });
  const notes: string[] = [];
  try {
    const api = apiClient(server.info.url, server.info.adminToken);
    const business = await api.createBusiness({ name: "Bench shop" });
    const document = await api.uploadDocument(business.id, new TextEncoder().encode(HELP_TEXT), "help.md");
    await api.waitForDocument(business.id, document.id);
    // The same SDK and client settings the server uses for its chat model.
    const client = createOpenAIClient({
      baseURL: stub.info.url,
      apiKey: "sk-bench",
      timeoutMs: 30_000,
      maxRetries: 1,
    });
    const sources = `You are a support assistant.\n\nSources:\n[1] ${HELP_TEXT}`;
    // Warm-up: JIT, SQLite statements, LanceDB tables, keep-alive connections.
    await endToEnd(server.info.wsUrl, business.id, 2, 5);
    await direct(client, 2, 5, sources);
    const rows: LatencyRow[] = [];
    for (const { sessions, turns } of plan) {
      const measured = await endToEnd(server.info.wsUrl, business.id, sessions, turns);
      const baseline = await direct(client, sessions, turns, sources);
      const e2e = summarize(measured.firstDelta);
      const own = summarize(baseline);
      rows.push({
        sessions,
        samples: measured.firstDelta.length,
        endToEnd: e2e,
        direct: own,
        added: { p50: e2e.p50 - own.p50, p99: e2e.p99 - own.p99 },
        modelAnswered: measured.modelAnswered / measured.firstDelta.length,
      });
    }
    return { rows, notes };
  } finally {
    await server.stop();
    await stub.stop();
  }
}
