// A worker for worker-pool tests: each job names what the worker should do, including misbehave.
import { threadId } from "node:worker_threads";
import { serveJobs } from "./worker-job-protocol";

export type FixtureJob =
  | { kind: "echo"; value: string; ms?: number }
  | { kind: "throw"; message: string }
  | { kind: "crash" }
  | { kind: "exit" };

export interface FixtureOutput {
  value: string;
  threadId: number;
}

serveJobs<FixtureJob, FixtureOutput>(async (job) => {
  if (job.kind === "throw") throw new Error(job.message);
  if (job.kind === "crash") {
    // Thrown outside the job's promise chain: an uncaught error in the worker.
    setTimeout(() => {
      throw new Error("fixture crash");
    }, 0);
    return new Promise(() => undefined);
  }
  if (job.kind === "exit") process.exit(3);
  if (job.ms) await Bun.sleep(job.ms);
  return { output: { value: job.value, threadId } };
});
