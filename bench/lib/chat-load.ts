// Many chat sessions at once against a running server, each a visitor who asks, reads the answer,
// pauses and asks again, until a deadline. Plain WebSockets with JSON.parse only: zod-checking every
// frame of hundreds of sockets would cost this process (on the server's cores) more than it tells.
import { QUESTIONS } from "../chat-latency";

export interface LoadPlan {
  wsUrl: string;
  businessId: number;
  sessions: number;
  seconds: number;
  /** Pause between an answer and the next question, uniformly in [thinkMs / 2, 3 × thinkMs / 2]. */
  thinkMs: number;
  /** No answer this long after a question counts as an error. */
  answerTimeoutMs: number;
  /** Each session stops after this many questions, if sooner than the deadline. */
  turnsPerSession?: number;
}

export interface LoadOutcome {
  turns: number;
  /** Question sent → first `delta` frame, ms. */
  firstDelta: number[];
  /** Question sent → the whole assistant message, ms. */
  roundTrip: number[];
  /** Answers written by the model (the loopback stub quotes the question); the rest came from the server. */
  modelAnswered: number;
  /** Error frames by code, sockets that failed to open or closed early, answers that never came. */
  errors: Record<string, number>;
  /** Seconds from the first socket opening to the last one open. */
  openSeconds: number;
}

const OPEN_BATCH = 50;

interface Frame {
  type?: string;
  sender?: string;
  message?: string;
  code?: string;
}

/** One visitor's socket: resolves the next frame of a kind, or rejects when it closes. */
async function openVisitor(url: string, address: string) {
  // Each visitor its own client address, through the trusted-proxy header, as behind a real proxy:
  // the per-address limits stay the production ones.
  const init = { headers: { "X-Forwarded-For": address } };
  const socket = new WebSocket(url, init as unknown as string[]);
  let waiting: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void } | null = null;
  let closed: Error | null = null;
  const fail = new Set<(error: Error) => void>();
  socket.addEventListener("message", (event) => {
    const frame = JSON.parse(String(event.data)) as Frame;
    if (waiting?.match(frame)) {
      const { resolve } = waiting;
      waiting = null;
      resolve(frame);
    }
  });
  socket.addEventListener("close", () => {
    closed = new Error("socket closed");
    for (const reject of fail) reject(closed);
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("open failed")), { once: true });
  });
  return {
    next(match: (frame: Frame) => boolean, timeoutMs: number): Promise<Frame> {
      if (closed) return Promise.reject(closed);
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = null;
          fail.delete(onClose);
          reject(new Error("timeout"));
        }, timeoutMs);
        const onClose = (error: Error) => {
          clearTimeout(timer);
          reject(error);
        };
        fail.add(onClose);
        waiting = {
          match,
          resolve: (frame) => {
            clearTimeout(timer);
            fail.delete(onClose);
            resolve(frame);
          },
        };
      });
    },
    send: (frame: object) => socket.send(JSON.stringify(frame)),
    close: () => socket.close(),
  };
}

type Visitor = Awaited<ReturnType<typeof openVisitor>>;

/** 10.a.b.c from a visitor's number: distinct for up to 16 million visitors. */
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** Runs the plan and collects every latency and error. */
export async function runChatLoad(plan: LoadPlan, visitorOffset = 0): Promise<LoadOutcome> {
  const outcome: LoadOutcome = {
    turns: 0,
    firstDelta: [],
    roundTrip: [],
    modelAnswered: 0,
    errors: {},
    openSeconds: 0,
  };
  const count = (what: string) => {
    outcome.errors[what] = (outcome.errors[what] ?? 0) + 1;
  };
  const opened = performance.now();
  const visitors: (Visitor | null)[] = [];
  for (let start = 0; start < plan.sessions; start += OPEN_BATCH) {
    const batch = Array.from({ length: Math.min(OPEN_BATCH, plan.sessions - start) }, async (_, i) => {
      const n = visitorOffset + start + i + 1;
      const url = `${plan.wsUrl}/ws/chat/${plan.businessId}/load-${n}-${crypto.randomUUID()}`;
      const visitor = await openVisitor(url, addressOf(n)).catch(() => {
        count("socket did not open");
        return null;
      });
      await visitor
        ?.next((frame) => frame.type === "history", plan.answerTimeoutMs)
        .catch(() => {
          count("no history frame");
        });
      return visitor;
    });
    visitors.push(...(await Promise.all(batch)));
  }
  outcome.openSeconds = (performance.now() - opened) / 1000;

  const deadline = performance.now() + plan.seconds * 1000;
  let asked = 0;
  await Promise.all(
    visitors.map(async (visitor, v) => {
      if (!visitor) return;
      // Spread the first questions over one think time, as visitors arrive at different moments.
      if (plan.sessions > 1) await Bun.sleep(Math.random() * plan.thinkMs);
      for (let turn = 0; turn < (plan.turnsPerSession ?? Number.POSITIVE_INFINITY); turn++) {
        if (performance.now() >= deadline) break;
        const question = `${QUESTIONS[(v + asked) % QUESTIONS.length]} (${++asked})`;
        const sent = performance.now();
        const firstDelta = visitor.next(
          (frame) => frame.type === "delta" || frame.type === "error",
          plan.answerTimeoutMs,
        );
        visitor.send({ type: "user", message: question });
        try {
          const first = await firstDelta;
          const firstMs = performance.now() - sent;
          const answer =
            first.type === "error"
              ? first
              : await visitor.next(
                  (frame) =>
                    frame.type === "error" || (frame.type === "message" && frame.sender === "assistant"),
                  plan.answerTimeoutMs,
                );
          if (answer.type === "error") count(`error frame ${answer.code}`);
          else {
            outcome.firstDelta.push(firstMs);
            outcome.roundTrip.push(performance.now() - sent);
            outcome.turns++;
            if (answer.message?.startsWith("Stub answer")) outcome.modelAnswered++;
          }
        } catch (error) {
          count(
            error instanceof Error && error.message === "timeout" ? "no answer in time" : "socket closed",
          );
          return;
        }
        await Bun.sleep(plan.thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  for (const visitor of visitors) visitor?.close();
  return outcome;
}
