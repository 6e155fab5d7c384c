// Resident memory of a process and of its child processes, sampled from /proc (Linux only).
import { readdir } from "node:fs/promises";

const SAMPLE_MS = 20;

async function residentBytes(pid: number): Promise<number> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text();
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Direct children of `pid`, from every thread's `children` list. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  try {
    for (const task of await readdir(`/proc/${pid}/task`)) {
      const text = await Bun.file(`/proc/${pid}/task/${task}/children`)
        .text()
        .catch(() => "");
      for (const id of text.trim().split(/\s+/)) if (id) children.push(Number(id));
    }
  } catch {}
  return children;
}

export interface MemoryPeaks {
  /** The process itself, before sampling started and at its peak. */
  startBytes: number;
  peakBytes: number;
  /** The largest resident size any one child reached (the extraction sandbox). */
  childPeakBytes: number;
}

/** Samples `pid` and its children every 20 ms until `stop()`; returns the peaks. */
export async function samplePeaks(pid: number): Promise<{ stop(): Promise<MemoryPeaks> }> {
  const startBytes = await residentBytes(pid);
  let peakBytes = startBytes;
  let childPeakBytes = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peakBytes = Math.max(peakBytes, await residentBytes(pid));
      for (const child of await childrenOf(pid)) {
        childPeakBytes = Math.max(childPeakBytes, await residentBytes(child));
      }
      await Bun.sleep(SAMPLE_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { startBytes, peakBytes, childPeakBytes };
    },
  };
}

export const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
