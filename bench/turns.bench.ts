// Chat turns on the FAQ business (the Debian FAQ PDF, 663 rows): server CPU per turn and time to the
// first delta, with a loopback model and offline, each repeat side by side with its floor.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { createOfflineEmbedder } from "../server/src/providers/offline-embedder";
import { createOpenAIClient } from "../server/src/providers/openai-client";
import { apiClient } from "../server/src/testing/api-client";
import { openSocket } from "../server/src/testing/ws-client";
import { direct } from "./chat-latency";
import { type BenchProcess, percentile, spawnServer } from "./chat-process";
import { EXTRA_IN_SCOPE } from "./chat-questions";
import { corpusFile, skipped, WORK_DIR } from "./lib/corpus";
import { recordGoal } from "./lib/goals";
import { table } from "./lib/stats";

const TITLE = "Chat turns: CPU and first delta on the FAQ business";
const REPEATS = 3;
const SESSIONS = 10;
const LOOPBACK_TURNS = 6;
const OFFLINE_TURNS = 3;
/** Loopback warm-up runs (sessions × turns each) before the measured repeats; see `loopback`. */
const WARM_UP_RUNS = 3;
// Limits that would refuse a benchmark's load.
const NO_LIMITS = {
  SUPPORTAL_SESSION_RATE_PER_MINUTE: "600",
  SUPPORTAL_IP_RATE_PER_MINUTE: "1000000",
  SUPPORTAL_MAX_SOCKETS_PER_IP: "100000",
  SUPPORTAL_DAILY_MESSAGE_LIMIT: "1000000",
};
const WARM_UP_QUESTION = "What is this documentation about?";

type Server = BenchProcess<{ url: string; wsUrl: string; adminToken: string }>;

const p50 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const p99 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    99,
  );

interface Run {
  firstDelta: number[];
  turns: number;
  cpuMsPerTurn: number;
}

/**
 * `sessions` sessions side by side, each asking `turns` questions one after another (session s asks
 * questions s·turns onwards), timing each `user` frame to its first `delta`; CPU is the server's
 * own, read without a GC inside the window (one runs just before it).
 */
async function runSessions(
  server: BenchProcess<{ wsUrl: string }>,
  path: (session: number) => string,
  questions: string[],
  sessions: number,
  turns: number,
  history: boolean,
): Promise<Run> {
  const firstDelta: number[] = [];
  await server.gc();
  const cpu0 = await server.cpuMicros();
  await Promise.all(
    Array.from({ length: sessions }, async (_, s) => {
      const socket = await openSocket(`${server.info.wsUrl}${path(s)}`);
      if (history) await socket.next((frame) => frame.type === "history");
      for (let turn = 0; turn < turns; turn++) {
        const from = socket.frames.length;
        const started = performance.now();
        socket.send({ type: "user", message: questions[(s * turns + turn) % questions.length] });
        await socket.next((frame) => frame.type === "delta", { from, timeoutMs: 60_000 });
        firstDelta.push(performance.now() - started);
        await socket.next((frame) => frame.type === "message" && frame.sender === "assistant", {
          from,
          timeoutMs: 60_000,
        });
      }
      await socket.close();
    }),
  );
  const cpu1 = await server.cpuMicros();
  return { firstDelta, turns: sessions * turns, cpuMsPerTurn: (cpu1 - cpu0) / 1000 / (sessions * turns) };
}

const sessionPath = (businessId: number, tag: string) => (s: number) =>
  `/ws/chat/${businessId}/bench-${tag}-${s}-${crypto.randomUUID()}`;

async function uploadFaq(server: Server, pdf: Uint8Array): Promise<number> {
  const api = apiClient(server.info.url, server.info.adminToken);
  const business = await api.createBusiness({ name: "Debian FAQ" });
  const upload = await api.upload(business.id, pdf, "debian-faq.pdf");
  const document = await api.waitForDocument(
    business.id,
    ((await upload.json()) as { id: number }).id,
    600_000,
  );
  if (document.status !== "ready") throw new Error(`ingestion failed: ${JSON.stringify(document)}`);
  return business.id;
}

async function loopback(pdf: Uint8Array, questions: string[]) {
  const stub = await spawnServer<{ url: string }>("stub");
  const model = { OPENAI_BASE_URL: stub.info.url, OPENAI_API_KEY: "sk-bench" };
  const supportal = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", {
    ...model,
    ...NO_LIMITS,
  });
  const floor = await spawnServer<{ url: string; wsUrl: string }>("bare-chat", model);
  try {
    const businessId = await uploadFaq(supportal, pdf);
    const client = createOpenAIClient({
      baseURL: stub.info.url,
      apiKey: "sk-bench",
      timeoutMs: 30_000,
      maxRetries: 1,
    });
    const sources = "You are a support assistant.\n\nSources:\n[1] ...";
    // Warm-up: JIT, SQLite statements, the table in memory, keep-alive connections. After one
    // repeat's worth the next two still paid for compiling: bench/turn-profile.ts read 8.6, 3.6, 3.9,
    // then 2.6, 2.6, 2.5, 2.7 ms a turn for successive rounds of 10 × 6 turns (and 8.8, 3.9, 3.6, then
    // 2.8, 2.8, 2.4 in another run), which a server that has been up a while no longer pays.
    for (let w = 0; w < WARM_UP_RUNS; w++) {
      await runSessions(
        supportal,
        sessionPath(businessId, `warm${w}`),
        questions,
        SESSIONS,
        LOOPBACK_TURNS,
        true,
      );
      await runSessions(floor, (s) => `/floor-warm-${w}-${s}`, questions, SESSIONS, LOOPBACK_TURNS, false);
      await direct(client, SESSIONS, LOOPBACK_TURNS, sources);
    }
    const repeats: { ours: Run; bare: Run; model: number[] }[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const ours = await runSessions(
        supportal,
        sessionPath(businessId, `r${r}`),
        questions,
        SESSIONS,
        LOOPBACK_TURNS,
        true,
      );
      const bare = await runSessions(
        floor,
        (s) => `/floor-${r}-${s}`,
        questions,
        SESSIONS,
        LOOPBACK_TURNS,
        false,
      );
      const modelAlone = await direct(client, SESSIONS, LOOPBACK_TURNS, sources);
      repeats.push({ ours, bare, model: modelAlone });
    }
    return repeats;
  } finally {
    await Promise.all([supportal.stop(), floor.stop()]);
    await stub.stop();
  }
}

async function offline(pdf: Uint8Array, questions: string[]) {
  const dataDir = join(WORK_DIR, "turns-offline");
  await rm(dataDir, { recursive: true, force: true });
  // No model: the offline embedder (production worker count) and the extractive answerer.
  const env = {
    SUPPORTAL_DATA_DIR: dataDir,
    SUPPORTAL_EMBED_WORKERS: "2",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    ...NO_LIMITS,
  };
  const first = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", env);
  // Ready, then the answer sentences' vectors stored in the background, as a business would have them.
  const businessId = await uploadFaq(first, pdf)
    .then(async (id) => {
      await first.settled();
      return id;
    })
    .finally(() => first.stop());
  // A fresh process: nothing cached in memory (the stored sentence vectors are read from the
  // database), the model loaded and the JIT warmed by one unrelated question.
  const cold = async () => {
    const server = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", env);
    await runSessions(server, sessionPath(businessId, "warm"), [WARM_UP_QUESTION], 1, 1, true);
    return server;
  };
  const embedder = createOfflineEmbedder({ workers: 2 });
  const repeats: { one: Run; warm: Run; ten: Run; floorOne: number[]; floorTen: number[] }[] = [];
  try {
    await embedder.embed([WARM_UP_QUESTION], { priority: "query" });
    for (let r = 0; r < REPEATS; r++) {
      let server = await cold();
      const one = await runSessions(
        server,
        sessionPath(businessId, `one-${r}`),
        questions,
        1,
        questions.length,
        true,
      );
      const warm = await runSessions(
        server,
        sessionPath(businessId, `warm-${r}`),
        questions,
        1,
        questions.length,
        true,
      );
      await server.stop();
      server = await cold();
      const ten = await runSessions(
        server,
        sessionPath(businessId, `ten-${r}`),
        questions,
        SESSIONS,
        OFFLINE_TURNS,
        true,
      );
      await server.stop();
      // The floor: the question's embedding alone, by the same encoder, at the same concurrency.
      const floorOne: number[] = [];
      for (const question of questions) {
        const t0 = performance.now();
        await embedder.embed([`${question} (${r})`], { priority: "query" });
        floorOne.push(performance.now() - t0);
      }
      const floorTen: number[] = [];
      await Promise.all(
        Array.from({ length: SESSIONS }, async (_, s) => {
          for (let turn = 0; turn < OFFLINE_TURNS; turn++) {
            const t0 = performance.now();
            await embedder.embed([`${questions[(s * OFFLINE_TURNS + turn) % questions.length]} [${r}]`], {
              priority: "query",
            });
            floorTen.push(performance.now() - t0);
          }
        }),
      );
      repeats.push({ one, warm, ten, floorOne, floorTen });
    }
  } finally {
    await embedder.close?.();
    await rm(dataDir, { recursive: true, force: true });
  }
  return repeats;
}

export default async function turnsBench(): Promise<string> {
  const pdfPath = corpusFile("debian-faq.pdf");
  const examplesPath = corpusFile("faq-examples.json");
  if (!pdfPath || !examplesPath) return skipped(TITLE, "debian-faq.pdf or faq-examples.json");
  const pdf = new Uint8Array(await Bun.file(pdfPath).arrayBuffer());
  const examples = (await Bun.file(examplesPath).json()) as { question: string }[];
  const questions = [...examples.map((q) => q.question), ...EXTRA_IN_SCOPE.map((q) => q.question)];

  const loop = await loopback(pdf, questions);
  const added = (run: Run, model: number[], at: (values: number[]) => number) =>
    at(run.firstDelta) - at(model);
  recordGoal({
    figure: `server CPU per turn, loopback model (${SESSIONS} sessions × ${LOOPBACK_TURNS} turns)`,
    floorName: "bare Bun socket relaying the same model calls",
    values: loop.map((r) => r.ours.cpuMsPerTurn),
    floors: loop.map((r) => r.bare.cpuMsPerTurn),
    unit: "ms",
    target: 3,
  });
  for (const [name, at, target] of [
    ["p50", p50, 25],
    ["p99", p99, 75],
  ] as const) {
    recordGoal({
      figure: `first delta, loopback model, ${SESSIONS} sessions, ${name} added`,
      floorName: `model alone ${name}`,
      values: loop.map((r) => added(r.ours, r.model, at)),
      floors: loop.map((r) => at(r.model)),
      ratios: loop.map((r) => at(r.ours.firstDelta) / at(r.model)),
      unit: "ms",
      target,
    });
  }

  const off = await offline(pdf, questions);
  recordGoal({
    figure: "first delta, offline, 1 session, p50 (cold caches)",
    floorName: "query embedding alone",
    values: off.map((r) => p50(r.one.firstDelta)),
    floors: off.map((r) => p50(r.floorOne)),
    unit: "ms",
    target: 60,
  });
  recordGoal({
    figure: `first delta, offline, ${SESSIONS} sessions, p50 (cold caches)`,
    floorName: `query embeddings alone, ${SESSIONS} callers`,
    values: off.map((r) => p50(r.ten.firstDelta)),
    floors: off.map((r) => p50(r.floorTen)),
    unit: "ms",
    target: 250,
  });

  const ms = (value: number) => value.toFixed(1);
  const each = (values: number[]) => values.map(ms).join(" / ");
  return [
    `## ${TITLE}`,
    "",
    `The Debian FAQ PDF in one business, questions from faq-examples.json and bench/chat-questions.ts ` +
      `(${questions.length}). Each repeat runs Supportal and its floor one after the other. Values per repeat.`,
    "",
    "Loopback model (the OpenAI-compatible stub in its own process, instant answers): Supportal against a",
    "bare Bun WebSocket server making the same two model calls per turn through the same SDK.",
    "",
    table(
      ["figure", "Supportal", "bare floor", "model alone"],
      [
        [
          "CPU per turn (ms)",
          each(loop.map((r) => r.ours.cpuMsPerTurn)),
          each(loop.map((r) => r.bare.cpuMsPerTurn)),
          "",
        ],
        [
          "first delta p50 (ms)",
          each(loop.map((r) => p50(r.ours.firstDelta))),
          each(loop.map((r) => p50(r.bare.firstDelta))),
          each(loop.map((r) => p50(r.model))),
        ],
        [
          "first delta p99 (ms)",
          each(loop.map((r) => p99(r.ours.firstDelta))),
          each(loop.map((r) => p99(r.bare.firstDelta))),
          each(loop.map((r) => p99(r.model))),
        ],
      ],
    ),
    "",
    "Offline (no API key: the bundled encoder on two workers and the extractive answerer), a fresh server",
    "process for each measurement so no vector is cached in memory (the answers' sentence vectors, stored",
    "once the document was ready, are read from SQLite; one unrelated question first loads the model);",
    `“warm” asks the same ${questions.length} questions again in that process. CPU includes the encoder's workers.`,
    "",
    table(
      ["figure", "Supportal", "floor: query embedding alone"],
      [
        [
          "1 session, first delta p50 (ms), cold",
          each(off.map((r) => p50(r.one.firstDelta))),
          each(off.map((r) => p50(r.floorOne))),
        ],
        [
          "1 session, first delta p99 (ms), cold",
          each(off.map((r) => p99(r.one.firstDelta))),
          each(off.map((r) => p99(r.floorOne))),
        ],
        ["1 session, first delta p50 (ms), warm", each(off.map((r) => p50(r.warm.firstDelta))), ""],
        ["1 session, CPU per turn (ms), cold", each(off.map((r) => r.one.cpuMsPerTurn)), ""],
        [
          `${SESSIONS} sessions, first delta p50 (ms), cold`,
          each(off.map((r) => p50(r.ten.firstDelta))),
          each(off.map((r) => p50(r.floorTen))),
        ],
        [
          `${SESSIONS} sessions, first delta p99 (ms), cold`,
          each(off.map((r) => p99(r.ten.firstDelta))),
          each(off.map((r) => p99(r.floorTen))),
        ],
      ],
    ),
  ].join("\n");
}
