// Chat sessions on one instance against the same sessions split over two instances sharing one Redis
// and one object store (the vectors), in the same run, each server its own process answering through
// the loopback OpenAI-compatible stub (another process). Reports what several instances add.
import { apiClient } from "../server/src/testing/api-client";
import { redisUnavailable, startTestRedis } from "../server/src/testing/redis-server";
import { startTestS3 } from "../server/src/testing/s3-server";
import { HELP_TEXT } from "./chat-latency";
import { type BenchProcess, spawnServer } from "./chat-process";
import { type LoadOutcome, runChatLoad } from "./lib/chat-load";
import { ms, percentile, table } from "./lib/stats";

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
/** Sessions in all, split evenly over the instances; each round's length; rounds of each layout. */
const SESSIONS = numberFrom("TWO_INSTANCES_SESSIONS", 40);
const SECONDS = numberFrom("TWO_INSTANCES_SECONDS", 15);
const ROUNDS = numberFrom("TWO_INSTANCES_ROUNDS", 2);
const THINK_MS = 1000;
const ANSWER_TIMEOUT_MS = 60_000;

type Supportal = BenchProcess<{ url: string; wsUrl: string; adminToken: string }>;
const LAYOUTS = ["one", "oneShared", "two"] as const;
type Layout = (typeof LAYOUTS)[number];

const LIMITS = {
  SUPPORTAL_TRUST_PROXY: "loopback",
  SUPPORTAL_DAILY_MESSAGE_LIMIT: "10000000",
  OPENAI_API_KEY: "sk-bench",
};

/** A business with the help text ingested on `server`; on the others the same business, no upload. */
async function business(servers: Supportal[]): Promise<number> {
  let id = 0;
  for (const [i, server] of servers.entries()) {
    const api = apiClient(server.info.url, server.info.adminToken);
    id = (await api.createBusiness({ name: "Load shop" })).id;
    if (i > 0) continue;
    // Each instance still has its own SQLite: the first ingests, the others find its vectors in the
    // shared store under the same business id.
    const document = await api.uploadDocument(id, new TextEncoder().encode(HELP_TEXT), "help.md");
    const ready = await api.waitForDocument(id, document.id);
    if (ready.status !== "ready") throw new Error(`help text: ${JSON.stringify(ready)}`);
  }
  return id;
}

/** The sessions split evenly over `servers`, all at once; the outcomes merged. */
async function load(servers: Supportal[], businessId: number, offset: number): Promise<LoadOutcome> {
  const parts = await Promise.all(
    servers.map((server, i) =>
      runChatLoad(
        {
          wsUrl: server.info.wsUrl,
          businessId,
          sessions: Math.round(SESSIONS / servers.length),
          seconds: SECONDS,
          thinkMs: THINK_MS,
          answerTimeoutMs: ANSWER_TIMEOUT_MS,
        },
        offset + i * 10_000,
      ),
    ),
  );
  const merged: LoadOutcome = {
    turns: 0,
    firstDelta: [],
    roundTrip: [],
    modelAnswered: 0,
    errors: {},
    openSeconds: 0,
  };
  for (const part of parts) {
    merged.turns += part.turns;
    merged.firstDelta.push(...part.firstDelta);
    merged.roundTrip.push(...part.roundTrip);
    merged.modelAnswered += part.modelAnswered;
    merged.openSeconds = Math.max(merged.openSeconds, part.openSeconds);
    for (const [what, n] of Object.entries(part.errors)) merged.errors[what] = (merged.errors[what] ?? 0) + n;
  }
  return merged;
}

const cpuOf = async (servers: Supportal[]) =>
  (await Promise.all(servers.map((server) => server.cpuMicros()))).reduce((a, b) => a + b, 0);

export default async function twoInstances(): Promise<string> {
  const skip = redisUnavailable();
  if (skip) return `## Two instances\n\nSkipped: ${skip}.`;
  const [stub, redis, s3] = await Promise.all([
    spawnServer<{ url: string }>("stub"),
    startTestRedis(),
    startTestS3(),
  ]);
  const servers: Supportal[] = [];
  try {
    const model = { ...LIMITS, OPENAI_BASE_URL: stub.info.url };
    const shared = { ...model, SUPPORTAL_REDIS_URL: redis.url };
    const start = async (env: Record<string, string>) => {
      const server: Supportal = await spawnServer("supportal", env);
      servers.push(server);
      return server;
    };
    // Each layout its own vectors: the pair shares one prefix, the single instance on Redis another.
    const layouts: Record<Layout, Supportal[]> = {
      one: [await start(model)],
      oneShared: [await start({ ...shared, ...s3.env("bench-one") })],
      two: [
        await start({ ...shared, ...s3.env("bench-two") }),
        await start({ ...shared, ...s3.env("bench-two") }),
      ],
    };
    const businesses = {} as Record<Layout, number>;
    for (const layout of LAYOUTS) businesses[layout] = await business(layouts[layout]);

    // Warm-up of every layout, then rounds in alternation so that the machine's drift hits all.
    for (const layout of LAYOUTS) await load(layouts[layout], businesses[layout], 900_000);
    const outcomes: Record<Layout, LoadOutcome[]> = { one: [], oneShared: [], two: [] };
    const cpu: Record<Layout, number> = { one: 0, oneShared: 0, two: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const layout of LAYOUTS) {
        const before = await cpuOf(layouts[layout]);
        outcomes[layout].push(await load(layouts[layout], businesses[layout], round * 100_000));
        cpu[layout] += (await cpuOf(layouts[layout])) - before;
      }
    }
    return markdown(outcomes, cpu);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await stub.stop();
    await Promise.all([redis.stop(), s3.stop()]);
  }
}

function markdown(outcomes: Record<Layout, LoadOutcome[]>, cpu: Record<Layout, number>): string {
  const all = (layout: Layout, key: "firstDelta" | "roundTrip") => outcomes[layout].flatMap((o) => o[key]);
  const turns = (layout: Layout) => outcomes[layout].reduce((sum, o) => sum + o.turns, 0);
  const byModel = (layout: Layout) => outcomes[layout].reduce((sum, o) => sum + o.modelAnswered, 0);
  const errors = (layout: Layout) => {
    const counted: Record<string, number> = {};
    for (const outcome of outcomes[layout])
      for (const [what, n] of Object.entries(outcome.errors)) counted[what] = (counted[what] ?? 0) + n;
    const entries = Object.entries(counted);
    return entries.length === 0 ? "none" : entries.map(([what, n]) => `${what}: ${n}`).join(", ");
  };
  const p = (values: number[], q: number) => percentile(values, q);
  const row = (name: string, values: number[]) => [
    name,
    values.length,
    `${ms(p(values, 0.5))} ms`,
    `${ms(p(values, 0.99))} ms`,
  ];
  const ratio = (layout: Layout, key: "firstDelta" | "roundTrip", q: number) =>
    `**${(p(all(layout, key), q) / p(all("one", key), q)).toFixed(2)}×**`;
  const cpuPerTurn = (layout: Layout) => ms(cpu[layout] / 1000 / Math.max(1, turns(layout)));
  const NAMES: Record<Layout, string> = {
    one: "one instance",
    oneShared: "one instance on Redis and S3",
    two: "two instances",
  };
  return [
    "## Two instances",
    "",
    `${SESSIONS} chat sessions for ${SECONDS} s, ${ROUNDS} rounds of each layout in alternation (after a ` +
      "warm-up of each): all on **one instance** (the default: no service, vectors on its disk); all on **one " +
      "instance on Redis and S3**; or split evenly over **two instances** sharing one Redis (session frames, " +
      "limits, answer locks, presence, cap places) and one S3-compatible object store for the vectors (fauxqs " +
      "on loopback, behind the tests' conditional-write front). Each server its own process, every visitor its " +
      "own address, answers from the loopback OpenAI-compatible stub (its own process); visitors pause " +
      `${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms between questions.`,
    "",
    table(
      ["", "samples", "p50", "p99"],
      [
        ...LAYOUTS.map((layout) => row(`first delta, ${NAMES[layout]}`, all(layout, "firstDelta"))),
        ...LAYOUTS.map((layout) => row(`whole answer, ${NAMES[layout]}`, all(layout, "roundTrip"))),
        ...(["oneShared", "two"] as const).flatMap((layout) => [
          [
            `**first delta: ${NAMES[layout]} ÷ one instance**`,
            "",
            ratio(layout, "firstDelta", 0.5),
            ratio(layout, "firstDelta", 0.99),
          ],
          [
            `**whole answer: ${NAMES[layout]} ÷ one instance**`,
            "",
            ratio(layout, "roundTrip", 0.5),
            ratio(layout, "roundTrip", 0.99),
          ],
        ]),
      ],
    ),
    "",
    ...LAYOUTS.map(
      (layout) =>
        `- ${NAMES[layout]}: ${turns(layout)} turns (${byModel(layout)} answered by the model), errors: ` +
        `${errors(layout)}; server CPU ${cpuPerTurn(layout)} ms per turn (every thread of every instance).`,
    ),
    "",
    "All layouts share the same 2 cores, so this measures what the shared services add to a turn (Redis " +
      "round trips for the limits, the answer lock and each frame's publish; the vector table's version " +
      "check), not the capacity that a second machine would bring.",
  ].join("\n");
}
