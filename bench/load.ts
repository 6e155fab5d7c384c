// `bun run bench:load [load] [soak]`: many chat sessions at once against a spawned server answering
// through the loopback OpenAI-compatible stub (in its own process), then a long soak at fewer
// sessions with the server's memory read after a full GC at intervals. Writes its two sections into
// bench/RESULTS.md (the other sections are kept). Bounded, loopback only, stops by itself.
//
// Sizes from the environment, so a short run can check the script: LOAD_SESSIONS (500),
// LOAD_SECONDS (60), SOAK_SESSIONS (50), SOAK_SECONDS (600), SOAK_SAMPLE_SECONDS (30),
// LOAD_THINK_MS (3000: a visitor's pause between an answer and the next question).
import { join } from "node:path";
import { createOpenAIClient } from "../server/src/providers/openai-client";
import { apiClient } from "../server/src/testing/api-client";
import { HELP_TEXT, QUESTIONS } from "./chat-latency";
import { type BenchProcess, spawnServer } from "./chat-process";
import { type LoadOutcome, runChatLoad } from "./lib/chat-load";
import { replaceSections } from "./lib/section-update";
import { ms, percentile, table } from "./lib/stats";

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const LOAD_SESSIONS = numberFrom("LOAD_SESSIONS", 500);
const LOAD_SECONDS = numberFrom("LOAD_SECONDS", 60);
const SOAK_SESSIONS = numberFrom("SOAK_SESSIONS", 50);
const SOAK_SECONDS = numberFrom("SOAK_SECONDS", 600);
const SOAK_SAMPLE_SECONDS = numberFrom("SOAK_SAMPLE_SECONDS", 30);
const THINK_MS = numberFrom("LOAD_THINK_MS", 3000);
/** A visitor with no answer after this long has been failed by the server: counted as an error. */
const ANSWER_TIMEOUT_MS = 60_000;
/** Quiet turns, one session, before the load: the same-run baseline the loaded figures are divided by. */
const BASELINE_TURNS = 20;
/** How often the bench asks the stub directly during the load, for the model's own first-piece time. */
const DIRECT_PROBE_MS = 250;

type Supportal = BenchProcess<{ url: string; wsUrl: string; adminToken: string }>;

/** The stub and a server answering through it, with one business and its help text ingested. */
async function setUp() {
  const stub = await spawnServer<{ url: string }>("stub");
  const server: Supportal = await spawnServer("supportal", {
    OPENAI_BASE_URL: stub.info.url,
    OPENAI_API_KEY: "sk-bench",
    // Every visitor comes with its own address through X-Forwarded-For from loopback, so the
    // per-address limits (sockets, rate, share of the daily cap) stay the production defaults.
    SUPPORTAL_TRUST_PROXY: "loopback",
    // The one limit raised: 500 visitors ask more in a minute than a business's default day (5,000).
    SUPPORTAL_DAILY_MESSAGE_LIMIT: "10000000",
  });
  const api = apiClient(server.info.url, server.info.adminToken);
  const business = await api.createBusiness({ name: "Load shop" });
  const document = await api.uploadDocument(business.id, new TextEncoder().encode(HELP_TEXT), "help.md");
  const ready = await api.waitForDocument(business.id, document.id);
  if (ready.status !== "ready") throw new Error(`help text: ${JSON.stringify(ready)}`);
  const client = createOpenAIClient({
    baseURL: stub.info.url,
    apiKey: "sk-bench",
    timeoutMs: 30_000,
    maxRetries: 1,
  });
  return {
    server,
    businessId: business.id,
    client,
    async stop() {
      await server.stop();
      await stub.stop();
    },
  };
}

/** The model's own time to its first piece, through the same SDK, as the server would see it. */
async function directFirstPiece(client: ReturnType<typeof createOpenAIClient>, question: string) {
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: "bench",
    stream: true,
    messages: [
      { role: "system", content: `You are a support assistant.\n\nSources:\n[1] ${HELP_TEXT}` },
      { role: "user", content: question },
    ],
  });
  let first = Number.NaN;
  for await (const chunk of stream) {
    if (Number.isNaN(first) && chunk.choices[0]?.delta?.content) first = performance.now() - started;
  }
  return first;
}

/** Direct model calls one after another until `stop()`: their first-piece times. */
function probeModel(client: ReturnType<typeof createOpenAIClient>) {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      times.push(await directFirstPiece(client, QUESTIONS[i % QUESTIONS.length]!));
      await Bun.sleep(DIRECT_PROBE_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

const p = (values: number[], q: number) => percentile(values, q);
const errorsText = (errors: Record<string, number>) => {
  const entries = Object.entries(errors);
  return entries.length === 0 ? "**none**" : entries.map(([what, n]) => `${what}: ${n}`).join(", ");
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function loadSection(): Promise<string> {
  const setup = await setUp();
  try {
    const plan = {
      wsUrl: setup.server.info.wsUrl,
      businessId: setup.businessId,
      thinkMs: THINK_MS,
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
    };
    // Warm-up (JIT, statements, the table in memory), then the quiet baseline: one visitor asking
    // back to back, with the model's own first piece measured just after, in the same conditions.
    const backToBack = { ...plan, seconds: 600, thinkMs: 20 };
    await runChatLoad({ ...backToBack, sessions: 2, turnsPerSession: 5 }, 900_000);
    const quiet = await runChatLoad({ ...backToBack, sessions: 1, turnsPerSession: BASELINE_TURNS }, 910_000);
    const quietModel: number[] = [];
    for (let i = 0; i < BASELINE_TURNS; i++)
      quietModel.push(await directFirstPiece(setup.client, QUESTIONS[i % 5]!));

    const before = await setup.server.stats();
    const probes = probeModel(setup.client);
    const started = performance.now();
    const loaded = await runChatLoad({ ...plan, sessions: LOAD_SESSIONS, seconds: LOAD_SECONDS });
    const wallSeconds = (performance.now() - started) / 1000;
    const loadedModel = await probes.stop();
    const after = await setup.server.stats();
    return loadMarkdown({ quiet, quietModel, loaded, loadedModel, before, after, wallSeconds });
  } finally {
    await setup.stop();
  }
}

function loadMarkdown(input: {
  quiet: LoadOutcome;
  quietModel: number[];
  loaded: LoadOutcome;
  loadedModel: number[];
  before: { rss: number; heapUsed: number; cpuMicros: number };
  after: { rss: number; heapUsed: number; cpuMicros: number };
  wallSeconds: number;
}): string {
  const { quiet, quietModel, loaded, loadedModel, before, after } = input;
  const row = (name: string, values: number[], n: number | string) => [
    name,
    n,
    `${ms(p(values, 0.5))} ms`,
    `${ms(p(values, 0.99))} ms`,
  ];
  const ratio = (a: number[], b: number[], q: number) => `**${(p(a, q) / p(b, q)).toFixed(2)}×**`;
  const added = (q: number) => `${ms(p(loaded.firstDelta, q) - p(loadedModel, q))} ms`;
  const cpuPerTurn = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, loaded.turns);
  return [
    `## Load: ${LOAD_SESSIONS} chat sessions for ${LOAD_SECONDS} s`,
    "",
    `${LOAD_SESSIONS} visitors on their own sockets (each its own address through \`X-Forwarded-For\` from a ` +
      "trusted loopback proxy, so the production per-address limits apply; only the business's daily cap is " +
      `raised) ask a question, read the streamed answer, pause ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms and ask ` +
      "again, every question different. The server (its own process) answers through the `openai` SDK from " +
      "the loopback OpenAI-compatible stub (another process), which streams at once. Same run: one visitor " +
      "alone first (the quiet baseline), and the model called directly through the SDK, quiet and every " +
      `${DIRECT_PROBE_MS} ms during the load.`,
    "",
    table(
      ["", "samples", "p50", "p99"],
      [
        row("first delta, 1 session, quiet", quiet.firstDelta, quiet.firstDelta.length),
        row("model's own first piece, quiet", quietModel, quietModel.length),
        row(`first delta, ${LOAD_SESSIONS} sessions`, loaded.firstDelta, loaded.firstDelta.length),
        row("model's own first piece, during the load", loadedModel, loadedModel.length),
        row(`whole answer, ${LOAD_SESSIONS} sessions`, loaded.roundTrip, loaded.roundTrip.length),
        [
          "**first delta: loaded ÷ quiet**",
          "",
          ratio(loaded.firstDelta, quiet.firstDelta, 0.5),
          ratio(loaded.firstDelta, quiet.firstDelta, 0.99),
        ],
        ["**added by the server under load** (first delta − model's own)", "", added(0.5), added(0.99)],
      ],
    ),
    "",
    `Errors: ${errorsText(loaded.errors)} in ${loaded.turns} answered turns ` +
      `(${(loaded.turns / input.wallSeconds).toFixed(1)} a second; ${loaded.modelAnswered} written by the model, ` +
      "the rest the honest not-found answer without a model call). " +
      `All sockets open in ${loaded.openSeconds.toFixed(1)} s. Server CPU ${ms(cpuPerTurn)} ms per turn ` +
      `(every thread, the load window); server after a full GC: RSS ${mib(before.rss)} → ${mib(after.rss)}, ` +
      `heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)}.`,
  ].join("\n");
}

/** Least-squares slope of `values` over `minutes`, per minute. */
function slope(minutes: number[], values: number[]): number {
  const n = minutes.length;
  const mx = minutes.reduce((a, b) => a + b, 0) / n;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (minutes[i]! - mx) * (values[i]! - my);
    den += (minutes[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function soakSection(): Promise<string> {
  const setup = await setUp();
  try {
    const samples: { minute: number; rss: number; heapUsed: number }[] = [];
    const baseline = await setup.server.stats();
    const started = performance.now();
    samples.push({ minute: 0, rss: baseline.rss, heapUsed: baseline.heapUsed });
    let running = true;
    const sampler = (async () => {
      while (running) {
        await Bun.sleep(SOAK_SAMPLE_SECONDS * 1000);
        if (!running) break;
        const stats = await setup.server.stats();
        samples.push({ minute: (performance.now() - started) / 60_000, ...stats });
        console.log(
          `  soak ${samples.at(-1)!.minute.toFixed(1)} min: RSS ${mib(stats.rss)}, heap ${mib(stats.heapUsed)}`,
        );
      }
    })();
    const outcome = await runChatLoad({
      wsUrl: setup.server.info.wsUrl,
      businessId: setup.businessId,
      sessions: SOAK_SESSIONS,
      seconds: SOAK_SECONDS,
      thinkMs: THINK_MS,
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
    });
    running = false;
    await sampler;
    const end = await setup.server.stats();
    samples.push({ minute: (performance.now() - started) / 60_000, rss: end.rss, heapUsed: end.heapUsed });
    return soakMarkdown(outcome, samples);
  } finally {
    await setup.stop();
  }
}

function soakMarkdown(outcome: LoadOutcome, samples: { minute: number; rss: number; heapUsed: number }[]) {
  // The first fifth is warm-up (JIT, caches, SQLite pages filling): the trend is read after it.
  const settled = samples.filter((sample) => sample.minute >= samples.at(-1)!.minute / 5);
  const minutes = settled.map((sample) => sample.minute);
  const perMinute = (key: "rss" | "heapUsed") =>
    `${(
      slope(
        minutes,
        settled.map((sample) => sample[key]),
      ) /
        1024 /
        1024
    ).toFixed(2)} MB/min`;
  const shown =
    samples.length <= 24
      ? samples
      : samples.filter((_, i) => i % Math.ceil(samples.length / 24) === 0 || i === samples.length - 1);
  return [
    `## Soak: ${SOAK_SESSIONS} chat sessions for ${(SOAK_SECONDS / 60).toFixed(SOAK_SECONDS % 60 ? 1 : 0)} min`,
    "",
    `The load above at ${SOAK_SESSIONS} sessions for ${SOAK_SECONDS} s; every ${SOAK_SAMPLE_SECONDS} s the server ` +
      "process runs a full GC and reports its resident size and JavaScript heap.",
    "",
    table(
      ["minute", "RSS", "heap after GC"],
      shown.map((sample) => [sample.minute.toFixed(1), mib(sample.rss), mib(sample.heapUsed)]),
    ),
    "",
    "Every question is new, so the chat's cache of query vectors (bounded at 4,096 entries, ~0.8 KB each " +
      "with the stub's 64-dimension vectors) fills through the first ~4,096 turns: heap growth that stops " +
      "there is that cache.",
    "",
    `Trend after the first fifth (least squares over ${settled.length} samples): RSS **${perMinute("rss")}**, ` +
      `heap **${perMinute("heapUsed")}**. ${outcome.turns} answered turns, first delta p50 ` +
      `${ms(p(outcome.firstDelta, 0.5))} ms, p99 ${ms(p(outcome.firstDelta, 0.99))} ms; errors: ` +
      `${errorsText(outcome.errors)}.`,
  ].join("\n");
}

const only = process.argv.slice(2);
const runs = [
  { key: "load", file: "bench:load (load)", run: loadSection },
  { key: "soak", file: "bench:load (soak)", run: soakSection },
].filter((entry) => only.length === 0 || only.includes(entry.key));
const sections: { file: string; text: string }[] = [];
for (const entry of runs) {
  const t0 = performance.now();
  const text = await entry.run();
  const section = `${text}\n\n_${entry.file}: ${((performance.now() - t0) / 1000).toFixed(1)} s (run ${new Date().toISOString()})._`;
  console.log(`${section}\n`);
  sections.push({ file: entry.file, text: section });
}
const resultsPath = join(import.meta.dir, "RESULTS.md");
await Bun.write(resultsPath, replaceSections(await Bun.file(resultsPath).text(), sections));
console.log(`(${runs.map((entry) => entry.key).join(" and ")}: sections replaced in RESULTS.md)`);
process.exit(0);
