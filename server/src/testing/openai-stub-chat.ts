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

/**
 * Streams the frames with `delayMs` between two of them. `onEnd` learns whether the client read
 * to the end or went away first (the stream is cancelled when the connection closes).
 */
export function frameStream(input: {
  frames: string[];
  delayMs: number;
  onFrame: () => void;
  onEnd: (outcome: "answered" | "disconnected") => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0 && input.delayMs > 0) await Bun.sleep(input.delayMs);
      if (cancelled) return;
      controller.enqueue(encoder.encode(input.frames[next++]));
      input.onFrame();
      if (next === input.frames.length) {
        controller.close();
        input.onEnd("answered");
      }
    },
    cancel() {
      cancelled = true;
      input.onEnd("disconnected");
    },
  });
}
