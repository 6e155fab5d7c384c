// `bun bench/turn-profile.ts [rounds]`: where a chat turn's server CPU goes with the loopback model.
// Spawns Supportal under `bun --cpu-prof-md` (profile in bench/.work/turn-profile/), puts the FAQ PDF
// in one business and runs 10 sessions × 6 turns `rounds` times, as the turns bench does; prints CPU
// per turn. Read the profile's "Top functions by self time" for what to cut.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { apiClient } from "../server/src/testing/api-client";
import { openSocket } from "../server/src/testing/ws-client";
import { spawnServer } from "./chat-process";
import { EXTRA_IN_SCOPE } from "./chat-questions";
import { corpusFile, WORK_DIR } from "./lib/corpus";

const rounds = Number(process.argv[2] ?? 5);
const dir = join(WORK_DIR, "turn-profile");
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const pdf = new Uint8Array(await Bun.file(corpusFile("debian-faq.pdf")!).arrayBuffer());
const examples = (await Bun.file(corpusFile("faq-examples.json")!).json()) as { question: string }[];
const questions = [...examples.map((q) => q.question), ...EXTRA_IN_SCOPE.map((q) => q.question)];

const stub = await spawnServer<{ url: string }>("stub");
const env = {
  SUPPORTAL_DATA_DIR: join(dir, "data"),
  OPENAI_BASE_URL: stub.info.url,
  OPENAI_API_KEY: "sk-bench",
  SUPPORTAL_SESSION_RATE_PER_MINUTE: "600",
  SUPPORTAL_IP_RATE_PER_MINUTE: "1000000",
  SUPPORTAL_MAX_SOCKETS_PER_IP: "100000",
  SUPPORTAL_DAILY_MESSAGE_LIMIT: "1000000",
};
// Ingested by a process of its own, so the profile holds the turns (and the start), not the upload.
const ingesting = await spawnServer<{ url: string; adminToken: string }>("supportal", env);
const api = apiClient(ingesting.info.url, ingesting.info.adminToken);
const business = await api.createBusiness({ name: "Debian FAQ" });
const doc = await api.uploadDocument(business.id, pdf, "debian-faq.pdf");
await api.waitForDocument(business.id, doc.id, 600_000);
await ingesting.settled();
await ingesting.stop();
const previousFlags = process.env.BENCH_BUN_FLAGS;
process.env.BENCH_BUN_FLAGS = `--cpu-prof-md --cpu-prof-dir=${dir} ${process.env.PROFILE_FLAGS ?? ""}`;
const server = await spawnServer<{ url: string; wsUrl: string; adminToken: string }>("supportal", env);
process.env.BENCH_BUN_FLAGS = previousFlags;
try {
  for (let round = 0; round < rounds; round++) {
    await server.gc();
    const cpu0 = await server.cpuMicros();
    await Promise.all(
      Array.from({ length: 10 }, async (_, s) => {
        const socket = await openSocket(
          `${server.info.wsUrl}/ws/chat/${business.id}/p-${round}-${s}-${crypto.randomUUID()}`,
        );
        await socket.next((frame) => frame.type === "history");
        for (let turn = 0; turn < 6; turn++) {
          const from = socket.frames.length;
          socket.send({ type: "user", message: questions[(s * 6 + turn) % questions.length] });
          await socket.next((frame) => frame.type === "message" && frame.sender === "assistant", {
            from,
            timeoutMs: 60_000,
          });
        }
        await socket.close();
      }),
    );
    const cpu1 = await server.cpuMicros();
    console.log(`round ${round}: ${((cpu1 - cpu0) / 1000 / 60).toFixed(2)} ms CPU per turn`);
  }
} finally {
  await server.stop();
  await stub.stop();
}
console.log(`profile: ${dir}`);
