import { setPriority } from "node:os";
import type { DocumentType } from "@supportal/shared";
import { AppError } from "../errors";
import type { ChunkOptions } from "../rag/chunk-document";
import { SandboxReply, type SandboxRequest } from "./extraction-sandbox-protocol";
import type { DocumentLimits, PreparedDocument } from "./prepare-document";

export type SandboxResult = PreparedDocument & { peakRssBytes: number };

/** Extracts and chunks one document out of the server's process; see `createExtractionSandbox`. */
export type ExtractDocument = (
  bytes: Uint8Array,
  type: DocumentType,
  signal?: AbortSignal,
) => Promise<SandboxResult>;

export interface ExtractionSandboxOptions {
  /** Resident memory of the sandbox process (SUPPORTAL_EXTRACT_MEMORY_MB). */
  memoryBytes: number;
  /** Wall time of one extraction (SUPPORTAL_EXTRACT_TIMEOUT_MS). */
  timeoutMs: number;
  limits: DocumentLimits;
  chunking: ChunkOptions;
}

const ENTRY = new URL("./extraction-sandbox-entry.ts", import.meta.url).pathname;
/**
 * How often the sandbox's memory is read. pdf.js grew by about 0.3 GB a second on an inflating
 * stream (1 GB of zeros: 2.2 GB in 8 s), so a budget is overshot by a few MB at most.
 */
const MEMORY_POLL_MS = 20;
/** Extraction yields the CPU to the server (chat) when both want it. */
const SANDBOX_NICENESS = 10;

/**
 * Runs `prepareDocument` in a child process (`bun --smol`), one per document: a file that makes the
 * parser loop, recurse or allocate gigabytes costs that process, never the server. Its resident
 * memory is polled and it is killed past `memoryBytes`, as it is past `timeoutMs`; those, and any
 * other abnormal end, are `internal_error`s (a crash, worth a bounded retry). A refusal of the file
 * itself comes back as the sandbox's own `AppError`.
 */
export function createExtractionSandbox(options: ExtractionSandboxOptions): ExtractDocument {
  return async (bytes, type, signal) => {
    signal?.throwIfAborted();
    const request: SandboxRequest = { type, limits: options.limits, chunking: options.chunking };
    let killedFor: string | null = null;
    let child: ReturnType<typeof Bun.spawn<"pipe", "pipe", "pipe">>;
    try {
      child = Bun.spawn([process.execPath, "--smol", ENTRY, JSON.stringify(request)], {
        stdin: "pipe",
        stdout: "pipe",
        stderr: "pipe",
      });
    } catch (error) {
      throw crash(`the text extractor could not start (${error instanceof Error ? error.message : error})`);
    }
    const kill = (reason: string) => {
      killedFor ??= reason;
      child.kill("SIGKILL");
    };
    demote(child.pid);
    const watch = setInterval(async () => {
      const rss = await residentBytes(child.pid);
      if (rss > options.memoryBytes) kill(`needed more than ${megabytes(options.memoryBytes)} MB of memory`);
    }, MEMORY_POLL_MS);
    const timer = setTimeout(
      () => kill(`took longer than ${seconds(options.timeoutMs)} s`),
      options.timeoutMs,
    );
    const onAbort = () => kill("stopped");
    signal?.addEventListener("abort", onAbort);
    try {
      // Written in the background: a child that dies early must not leave this write hanging.
      void writeAll(child.stdin, bytes);
      const [stdout, stderr, exitCode] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
      ]);
      if (stderr.trim()) console.error(stderr.trim().slice(0, 2000));
      signal?.throwIfAborted();
      if (killedFor !== null) throw crash(`extracting its text ${killedFor}`);
      if (exitCode !== 0) {
        throw crash(
          `the text extractor stopped unexpectedly (${child.signalCode ?? `exit code ${exitCode}`})`,
        );
      }
      const reply = parseReply(stdout);
      if (!reply.ok) throw new AppError(reply.code, reply.message);
      const { ok: _, ...result } = reply;
      return result;
    } finally {
      clearInterval(watch);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  };
}

async function writeAll(sink: Bun.FileSink, bytes: Uint8Array): Promise<void> {
  try {
    sink.write(bytes);
    await sink.end();
  } catch {
    // The child exited before reading all of it; its exit says why.
  }
}

function parseReply(stdout: string): SandboxReply {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw crash("the text extractor sent no readable answer");
  }
  const parsed = SandboxReply.safeParse(json);
  if (!parsed.success) throw crash("the text extractor sent an answer of the wrong shape");
  return parsed.data;
}

/**
 * Lower CPU priority, and first in line for the kernel's OOM killer: if memory runs out before the
 * poll sees it, the sandbox dies rather than the server. Both are best effort (Linux, same user).
 */
function demote(pid: number): void {
  try {
    setPriority(pid, SANDBOX_NICENESS);
  } catch {}
  Bun.write(`/proc/${pid}/oom_score_adj`, "1000").catch(() => undefined);
}

/** Resident set size from /proc (Linux); 0 where it cannot be read, leaving the time budget. */
async function residentBytes(pid: number): Promise<number> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text();
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

function crash(reason: string): AppError {
  return new AppError("internal_error", `${reason[0]!.toUpperCase()}${reason.slice(1)}.`);
}

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
const seconds = (ms: number) => Math.round(ms / 100) / 10;
