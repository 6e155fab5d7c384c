// The wire format of `POST /v1/chat/completions`, plain and streamed (server-sent events), as
// OpenAI sends it: the SDK under test must parse exactly what it would get in production.

export interface StubMessage {
  role: string;
  content: unknown;
}

/** What the stub answers: one text (streamed word by word), exact pieces, or either from the messages. */
export type StubReply = string | string[] | ((messages: StubMessage[]) => string | string[]);

export function replyPieces(reply: StubReply, messages: StubMessage[]): string[] {
  const made = typeof reply === "function" ? reply(messages) : reply;
  if (Array.isArray(made)) return made;
  // Word by word with the leading space kept, as models stream tokens: "Hello", " world".
  return made.match(/\s*\S+/g) ?? [made];
}

export function defaultReply(messages: StubMessage[]): string {
  const lastUser = messages.findLast((message) => message.role === "user");
  return `Stub answer to: ${typeof lastUser?.content === "string" ? lastUser.content : ""}`;
}

function usage(messages: StubMessage[], text: string) {
  const prompt = messages.reduce(
    (sum, message) => sum + String(message.content ?? "").split(/\s+/).length,
    0,
  );
  const completion = text.split(/\s+/).filter(Boolean).length;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function completionBody(input: {
  id: string;
  model: unknown;
  messages: StubMessage[];
  pieces: string[];
}) {
  const text = input.pieces.join("");
  return {
    id: input.id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: input.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: usage(input.messages, text),
  };
}

/** Every SSE event of a streamed answer: role first, one per piece, the finish, usage if asked, [DONE]. */
export function completionFrames(input: {
  id: string;
  model: unknown;
  messages: StubMessage[];
  pieces: string[];
  includeUsage: boolean;
}): string[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finishReason: string | null) => ({
    id: input.id,
    object: "chat.completion.chunk",
    created,
    model: input.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const events: object[] = [
    chunk({ role: "assistant", content: "", refusal: null }, null),
    ...input.pieces.map((content) => chunk({ content }, null)),
    chunk({}, "stop"),
  ];
  if (input.includeUsage) {
    const text = input.pieces.join("");
    events.push({ ...chunk({}, null), choices: [], usage: usage(input.messages, text) });
  }
  return [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"];
}

/** How a streamed answer goes wrong after its first `afterPieces` pieces (role event not counted). */
export interface StreamFault {
  afterPieces: number;
  /**
   * `malformed`: one event that is not JSON, then the rest as normal; `stall`: no more bytes until the
   * client goes away; `drop`: the connection is reset; `truncate`: the body ends cleanly, without the
   * finish event or `[DONE]` (a proxy that closed the stream early).
   */
  kind: "malformed" | "stall" | "drop" | "truncate";
}

const FAULT_DELAY_MS = 50;
const MALFORMED_EVENT = 'data: {"id":"chatcmpl-stub","choices":[{"delta":{"content":"cut\n\n';

/**
 * Streams the frames with `delayMs` between two of them, broken by `fault` if given. `onEnd` learns
 * whether the client read to the end or went away first (the stream is cancelled when the connection
 * closes). A stall ends when the client goes away, or when `onStall`'s release is called (the stub stops).
 */
export function frameStream(input: {
  frames: string[];
  delayMs: number;
  fault?: StreamFault;
  onFrame: () => void;
  onEnd: (outcome: "answered" | "disconnected") => void;
  onStall?: (release: () => void) => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // The role event comes first, so the fault strikes after it and `afterPieces` content events.
  let fault = input.fault;
  const faultAt = fault ? 1 + fault.afterPieces : Number.POSITIVE_INFINITY;
  let next = 0;
  let cancelled = false;
  let releaseStall: () => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0 && input.delayMs > 0) await Bun.sleep(input.delayMs);
      if (cancelled) return;
      if (next === faultAt && fault) {
        const kind = fault.kind;
        fault = undefined;
        // Bun holds back the headers with the first events for a moment; breaking at once would look
        // like a failure before the answer started, which the SDK retries.
        await Bun.sleep(FAULT_DELAY_MS);
        if (cancelled) return;
        if (kind === "malformed") {
          controller.enqueue(encoder.encode(MALFORMED_EVENT));
          input.onFrame();
          return;
        }
        if (kind === "stall") {
          await new Promise<void>((resolve) => {
            releaseStall = resolve;
            input.onStall?.(resolve);
          });
          // Released by stop(): reset the connection, as a dead upstream does in the end.
          if (!cancelled) controller.error();
          return;
        }
        // An error without a reason resets the connection without Bun printing it.
        if (kind === "drop") controller.error();
        else controller.close();
        input.onEnd("disconnected");
        return;
      }
      controller.enqueue(encoder.encode(input.frames[next++]));
      input.onFrame();
      if (next === input.frames.length) {
        controller.close();
        input.onEnd("answered");
      }
    },
    cancel() {
      cancelled = true;
      releaseStall();
      input.onEnd("disconnected");
    },
  });
}
