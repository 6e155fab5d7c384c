// Hostile and heavy uploads against the real server (spawned as `bun server/src/index.ts`): peak
// memory of one ingestion (the server and its extraction sandbox, sampled from /proc), and chat
// round-trips while other businesses upload at once, against the same chat idle in the same run.
import { rm } from "node:fs/promises";
import { apiClient } from "../server/src/testing/api-client";
import { makeHugeDocx, makePdfInflateBomb } from "../server/src/testing/hostile-files";
import { startOpenAIStub } from "../server/src/testing/openai-stub";
import { type RunningServer, startServer } from "../server/src/testing/spawn-server";
import { newSessionId, openSocket, type TestSocket } from "../server/src/testing/ws-client";
import { Document, type ServerFrame } from "../shared/src/index";
import { HELP_TEXT, QUESTIONS } from "./chat-latency";
import { atEnd } from "./lib/cleanup";
import { corpusFile } from "./lib/corpus";
import { mb, samplePeaks } from "./lib/process-memory";
import { ms, percentile, table } from "./lib/stats";

const TITLE = "Ingestion under hostile and heavy uploads";
const PRODUCTION_WORKERS = { SUPPORTAL_EMBED_WORKERS: "2" };
/** Chat round-trips measured idle, then during the storm. */
const SAMPLES = 12;
/** The storm: this many other businesses each upload this many documents of ~60 KB at once. */
const STORM_BUSINESSES = 4;
const STORM_DOCS = 2;
/** Characters of each storm document; `STORM_DOC_CHARS` makes a shorter storm for a quick comparison. */
const STORM_DOC_CHARS = Number(process.env.STORM_DOC_CHARS) || 60_000;

/** A spawned server, stopped by `release` (or at the end of the run, if this module fails first). */
async function spawn(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ env });
  atEnd(() => release(server));
  return server;
}

async function release(server: RunningServer): Promise<void> {
  await server.stop();
  await rm(server.dataDir, { recursive: true, force: true });
}

async function ingest(server: RunningServer, businessId: number, bytes: Uint8Array, name: string) {
  const admin = apiClient(server.url, server.adminToken);
  const response = await admin.upload(businessId, bytes, name);
  if (response.status !== 202)
    return { status: `refused at upload (${response.status})`, error: await response.text() };
  const doc = Document.parse(await response.json());
  return admin.waitForDocument(businessId, doc.id, 900_000);
}

/** Text of about `chars` characters, every sentence different (nothing dedupes). */
function manualText(chars: number, tag = "part"): string {
  const sections: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const section =
      `## ${tag} ${i}\n\nThe ${tag} ${i} fits frame ${i % 37} and needs ${i % 7} screws of size ${i % 5}. ` +
      `Order a spare ${tag} ${i} by phone; it ships within ${(i % 4) + 1} days to room ${i % 91}.\n\n`;
    sections.push(section);
    size += section.length;
  }
  return sections.join("");
}

export async function memoryRows(): Promise<string[][]> {
  const encoder = new TextEncoder();
  const cases: { name: string; bytes: Uint8Array; file: string }[] = [];
  const faq = corpusFile("debian-faq.pdf");
  if (faq)
    cases.push({
      name: "debian-faq.pdf",
      bytes: new Uint8Array(await Bun.file(faq).arrayBuffer()),
      file: "faq.pdf",
    });
  cases.push(
    { name: "PDF, one stream of 3 GB of zeros", bytes: makePdfInflateBomb(3000), file: "bomb.pdf" },
    { name: "DOCX, 11.5 MB of XML (under the 12 MB cap)", bytes: makeHugeDocx(11.5), file: "huge.docx" },
    { name: "DOCX, 60 MB of XML", bytes: makeHugeDocx(60), file: "huger.docx" },
    { name: "text, 10 MB (the upload cap)", bytes: encoder.encode(manualText(10_000_000)), file: "big.txt" },
  );
  const rows: string[][] = [];
  const server = await spawn(PRODUCTION_WORKERS);
  const admin = apiClient(server.url, server.adminToken);
  for (const entry of cases) {
    const business = await admin.createBusiness({ name: entry.name });
    rows.push(await measure(server, business.id, entry.name, entry.bytes, entry.file, "offline"));
    console.log(`  ${rows.at(-1)!.join(" | ")}`);
  }
  await release(server);
  // The biggest document the default limits accept, with embeddings from a loopback model so the
  // run stays short: what the server itself holds while it stores ~6,000 chunks.
  const stub = startOpenAIStub();
  atEnd(() => stub.stop());
  const online = await spawn({ OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: stub.url });
  const onlineAdmin = apiClient(online.url, online.adminToken);
  const business = await onlineAdmin.createBusiness({ name: "largest accepted" });
  const largest = encoder.encode(manualText(4_900_000));
  rows.push(
    await measure(
      online,
      business.id,
      "text, 4.9 M characters (under the 5 M cap)",
      largest,
      "largest.txt",
      "loopback",
    ),
  );
  return rows;
}

async function measure(
  server: RunningServer,
  businessId: number,
  name: string,
  bytes: Uint8Array,
  file: string,
  embedder: string,
): Promise<string[]> {
  Bun.gc(true);
  const sampler = await samplePeaks(server.pid);
  const t0 = performance.now();
  const outcome = await ingest(server, businessId, bytes, file);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const peaks = await sampler.stop();
  const result =
    "chunkCount" in outcome && outcome.status === "ready"
      ? `ready, ${outcome.chunkCount} chunks`
      : `${outcome.status}: ${(outcome.error ?? "").slice(0, 90)}`;
  return [
    name,
    `${(bytes.length / 1024 / 1024).toFixed(2)} MB`,
    embedder,
    result,
    `${seconds} s`,
    `${mb(peaks.startBytes)} → ${mb(peaks.peakBytes)}`,
    peaks.childPeakBytes > 0 ? mb(peaks.childPeakBytes) : "–",
  ];
}

async function roundTrip(socket: TestSocket, question: string): Promise<number> {
  const from = socket.frames.length;
  const t0 = performance.now();
  socket.send({ type: "user", message: question });
  const answer = await socket.next(
    (frame: ServerFrame) =>
      frame.type === "error" || (frame.type === "message" && frame.sender === "assistant"),
    { from, timeoutMs: 120_000 },
  );
  if (answer.type === "error")
    throw new Error(`chat refused "${question}": ${answer.code} ${answer.message}`);
  return performance.now() - t0;
}

export async function stormSection(): Promise<string> {
  // One customer asks more than the default per-session and per-IP rates allow: raised, not measured.
  const server = await spawn({
    ...PRODUCTION_WORKERS,
    SUPPORTAL_SESSION_RATE_PER_MINUTE: "600",
    SUPPORTAL_IP_RATE_PER_MINUTE: "600",
  });
  const admin = apiClient(server.url, server.adminToken);
  const shop = await admin.createBusiness({ name: "Shop" });
  const help = await ingest(server, shop.id, new TextEncoder().encode(HELP_TEXT), "help.md");
  if (help.status !== "ready") throw new Error(`help text: ${JSON.stringify(help)}`);
  const socket = await openSocket(`${server.url.replace("http", "ws")}/ws/chat/${shop.id}/${newSessionId()}`);
  await socket.next((frame) => frame.type === "history");
  // Never the same words twice: a repeated question would be answered from cached vectors.
  let asked = 0;
  const ask = (i: number) => roundTrip(socket, `${QUESTIONS[i % QUESTIONS.length]!} (order ${++asked})`);
  // Warm: the model loads on the first question, and each question's passages have their sentences
  // embedded once (then cached); warming only some made the idle turns dearer than the storm's.
  for (let i = 0; i < QUESTIONS.length; i++) await ask(i);
  const idle: number[] = [];
  for (let i = 0; i < SAMPLES; i++) idle.push(await ask(i));

  const others = await Promise.all(
    Array.from({ length: STORM_BUSINESSES }, (_, i) => admin.createBusiness({ name: `Storm ${i}` })),
  );
  const t0 = performance.now();
  const storm = Promise.all(
    others.flatMap((business, b) =>
      Array.from({ length: STORM_DOCS }, async (_, d) => {
        const text = new TextEncoder().encode(manualText(STORM_DOC_CHARS, `storm${b}x${d}`));
        await ingest(server, business.id, text, `manual-${d}.md`);
        return performance.now() - t0;
      }),
    ),
  );
  await Bun.sleep(200); // every storm upload is in line
  const smallStarted = performance.now();
  const small = ingest(
    server,
    shop.id,
    new TextEncoder().encode("# Gift cards\n\nGift cards never expire."),
    "gift.md",
  ).then(() => performance.now() - smallStarted);
  const during: number[] = [];
  let stormDone = false;
  void storm.then(() => {
    stormDone = true;
  });
  for (let i = 0; i < SAMPLES && !stormDone; i++) during.push(await ask(i));
  const [stormEnds, smallMs] = await Promise.all([storm, small]);
  await socket.close();
  await release(server);
  const stormMs = Math.max(...stormEnds);

  const p = (values: number[], q: number) => percentile(values, q);
  return [
    `### Chat during an upload storm`,
    "",
    `One business's customer asks ${SAMPLES} questions one after another (offline answerer), idle and then ` +
      `while ${STORM_BUSINESSES} other businesses each upload ${STORM_DOCS} Markdown manuals of ~${Math.round(STORM_DOC_CHARS / 1000)} KB at once ` +
      `(${STORM_BUSINESSES * STORM_DOCS} documents); meanwhile the same business uploads a 40-byte document. ` +
      "Production worker count (2 embedding workers), same server, same run.",
    "",
    table(
      ["", "round-trip p50", "p95", "samples"],
      [
        ["idle", `${ms(p(idle, 0.5))} ms`, `${ms(p(idle, 0.95))} ms`, idle.length],
        ["during the storm", `${ms(p(during, 0.5))} ms`, `${ms(p(during, 0.95))} ms`, during.length],
        [
          "**storm ÷ idle**",
          `**${(p(during, 0.5) / p(idle, 0.5)).toFixed(2)}×**`,
          `**${(p(during, 0.95) / p(idle, 0.95)).toFixed(2)}×**`,
          "",
        ],
      ],
    ),
    "",
    `The small document was ready **${(smallMs / 1000).toFixed(1)} s** after its upload; the storm's ` +
      `documents took **${(stormMs / 1000).toFixed(1)} s** to be ready (behind one first-in-first-out line, ` +
      "as before, the small document would have waited for all of them).",
  ].join("\n");
}

export default async function ingestSafetyBench(): Promise<string> {
  const rows = await memoryRows();
  const storm = await stormSection();
  return [
    `## ${TITLE}`,
    "",
    "### Peak memory of one ingestion",
    "",
    "Each file uploaded over HTTP to a spawned server (default limits: 1024 MB extraction budget, 5 M " +
      "characters, 10,000 chunks), until `ready` or `failed`. Server RSS sampled every 20 ms from /proc " +
      "(before → peak; the offline embedder's two workers load with the first document), and the " +
      "peak of its extraction sandbox process. A crash or a budget overrun is retried (3 attempts), " +
      "so its time covers every attempt.",
    "",
    table(["file", "size", "embeddings", "outcome", "time", "server RSS", "sandbox peak"], rows),
    "",
    "Budget of one ingestion: the sandbox at most `SUPPORTAL_EXTRACT_MEMORY_MB` (1024 MB), killed " +
      "beyond; the server's own growth is bounded by the character and chunk caps (see the last row).",
    "",
    storm,
  ].join("\n");
}
