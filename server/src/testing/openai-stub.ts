import {
  completionBody,
  completionFrames,
  defaultReply,
  frameStream,
  replyPieces,
  type StreamFault,
  type StubMessage,
  type StubReply,
} from "./openai-stub-chat";
import { embeddingsResponse } from "./openai-stub-embeddings";

export type { StreamFault, StubMessage, StubReply } from "./openai-stub-chat";
export { stubEmbedding } from "./openai-stub-embeddings";

/** An error answer, served once: 429 with `retry-after`, 500, 503, ... */
export interface StubFailure {
  status: number;
  /** Sent as the `retry-after` header, in seconds (fractions allowed: the SDK parses a float). */
  retryAfterSeconds?: number;
}

/** How the stub behaves; tests change it freely between (or during) calls. */
export interface StubScript {
  /** The chat answer; by default it quotes the last user message. */
  reply: StubReply;
  /** Served in order, one per request (any endpoint), before normal answers resume. */
  failures: StubFailure[];
  /** Wait before the response headers: more than the client's timeout makes it time out. */
  firstByteDelayMs: number;
  /** Wait between two streamed events: a stalled stream. */
  chunkDelayMs: number;
  /** Take requests and never answer, until the client goes away or the stub stops. */
  hang: boolean;
  /** Served in order, one per streamed chat answer: the answer breaks as described. */
  streamFaults: StreamFault[];
}

/** The fields of a request body the stub reads; unchecked JSON from the client under test. */
export interface StubRequestBody {
  model?: string;
  input?: string | string[];
  encoding_format?: string;
  dimensions?: number;
  messages?: StubMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [field: string]: unknown;
}

export type RequestOutcome = "answered" | "failed" | "disconnected";

export interface RecordedRequest {
  method: string;
  /** Without the `/v1` prefix: `/embeddings`, `/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body, or null. */
  body: StubRequestBody | null;
  outcome: RequestOutcome | "pending";
  /** SSE events written so far (streamed answers only). */
  framesSent: number;
  /** Settles once the answer was sent in full, an error was served, or the client disconnected. */
  settled: Promise<RequestOutcome>;
}

export interface OpenAIStub {
  /** Base URL for the SDK, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  script: StubScript;
  /** The requests to one path, e.g. `"/chat/completions"`. */
  requestsTo(path: string): RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * A small OpenAI-compatible server on 127.0.0.1 (port 0) speaking the real wire format, so that
 * providers are tested through the real SDK over real HTTP: retries, timeouts and cancellation
 * included. With `apiKey`, a request without `Authorization: Bearer <apiKey>` gets a 401.
 */
export function startOpenAIStub(options: { apiKey?: string; script?: Partial<StubScript> } = {}): OpenAIStub {
  const script: StubScript = {
    reply: defaultReply,
    failures: [],
    firstByteDelayMs: 0,
    chunkDelayMs: 0,
    hang: false,
    streamFaults: [],
    ...options.script,
  };
  const requests: RecordedRequest[] = [];
  // Requests left hanging are released on stop, so that no handler outlives the stub.
  const releaseOnStop = new Set<() => void>();
  let nextId = 1;

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/^\/v1(?=\/)/, "");
    const body: StubRequestBody | null = await request.json().catch(() => null);
    let settle: (outcome: RequestOutcome) => void = () => undefined;
    const record: RecordedRequest = {
      method: request.method,
      path,
      headers: Object.fromEntries(request.headers),
      body,
      outcome: "pending",
      framesSent: 0,
      settled: new Promise((resolve) => {
        settle = (outcome) => {
          if (record.outcome !== "pending") return;
          record.outcome = outcome;
          resolve(outcome);
        };
      }),
    };
    requests.push(record);
    request.signal.addEventListener("abort", () => settle("disconnected"), { once: true });
    const fail = (status: number, error: object, headers: Record<string, string> = {}) => {
      settle("failed");
      return Response.json({ error: { param: null, code: null, ...error } }, { status, headers });
    };

    if (options.apiKey && request.headers.get("authorization") !== `Bearer ${options.apiKey}`) {
      return fail(401, { message: "Incorrect API key provided.", type: "invalid_request_error" });
    }
    const failure = script.failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      const type = failure.status === 429 ? "rate_limit_exceeded" : "server_error";
      return fail(failure.status, { message: `Scripted failure ${failure.status}.`, type }, headers);
    }
    if (script.hang || script.firstByteDelayMs > 0) {
      await new Promise<void>((resolve) => {
        const release = () => {
          releaseOnStop.delete(release);
          clearTimeout(timer);
          resolve();
        };
        const timer = script.hang ? undefined : setTimeout(release, script.firstByteDelayMs);
        releaseOnStop.add(release);
        request.signal.addEventListener("abort", release, { once: true });
      });
      if (record.outcome !== "pending") return new Response(null, { status: 499 });
      if (script.hang) return fail(503, { message: "The stub was stopped.", type: "server_error" });
    }

    if (request.method === "POST" && path === "/embeddings") {
      const { status, json } = embeddingsResponse(body ?? {});
      settle(status === 200 ? "answered" : "failed");
      return Response.json(json, { status });
    }
    if (request.method === "POST" && path === "/chat/completions") {
      if (!body || !Array.isArray(body.messages)) {
        return fail(400, { message: "'messages' is required.", type: "invalid_request_error" });
      }
      const messages: StubMessage[] = body.messages;
      const answer = { id: `chatcmpl-stub-${nextId++}`, model: body.model, messages };
      const pieces = replyPieces(script.reply, messages);
      if (body.stream !== true) {
        settle("answered");
        return Response.json(completionBody({ ...answer, pieces }));
      }
      const frames = completionFrames({
        ...answer,
        pieces,
        includeUsage: body.stream_options?.include_usage === true,
      });
      const stream = frameStream({
        frames,
        delayMs: script.chunkDelayMs,
        fault: script.streamFaults.shift(),
        onFrame: () => record.framesSent++,
        onEnd: settle,
        onStall: (release) => releaseOnStop.add(release),
      });
      return new Response(stream, {
        headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
      });
    }
    return fail(404, {
      message: `Unknown endpoint ${request.method} ${path}.`,
      type: "invalid_request_error",
    });
  }

  // No idle timeout: hanging and slow answers are the point here, and stop() closes everything.
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, idleTimeout: 0, fetch: handle });
  return {
    url: `http://127.0.0.1:${server.port}/v1`,
    requests,
    script,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    async stop() {
      for (const release of [...releaseOnStop]) release();
      await server.stop(true);
    },
  };
}
