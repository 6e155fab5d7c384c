/** Main thread to worker: one job. */
export interface JobRequest<Input> {
  id: number;
  input: Input;
}

/** Worker to main thread. Errors travel as text: an `Error` loses its class and stack through postMessage. */
export type JobReply<Output> = { id: number; output: Output } | { id: number; error: string };

export interface JobResult<Output> {
  output: Output;
  /** Buffers moved to the main thread instead of copied. */
  transfer?: Transferable[];
}

interface JobScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Runs inside a worker: answers every job with `handle`'s result, or with an error reply when it
 * throws, so that the caller's promise settles either way.
 */
export function serveJobs<Input, Output>(handle: (input: Input) => Promise<JobResult<Output>>): void {
  // The worker global is typed as a window by the DOM lib this repo compiles with.
  const scope = globalThis as unknown as JobScope;
  scope.onmessage = async (event: MessageEvent<JobRequest<Input>>) => {
    const { id, input } = event.data;
    let reply: JobReply<Output>;
    let transfer: Transferable[] = [];
    try {
      const result = await handle(input);
      reply = { id, output: result.output };
      transfer = result.transfer ?? [];
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    scope.postMessage(reply, transfer);
  };
}
