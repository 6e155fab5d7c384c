import { afterEach, describe, expect, test } from "bun:test";
import { type OpenAIStub, startOpenAIStub, stubEmbedding } from "./openai-stub";

let stub: OpenAIStub;
afterEach(() => stub.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${stub.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  });

describe("startOpenAIStub", () => {
  test("streams a chat answer as OpenAI's server-sent events: role first, pieces, finish, [DONE]", async () => {
    stub = startOpenAIStub({ script: { reply: ["Hel", "lo"] } });
    const response = await post("/chat/completions", {
      model: "m",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(response.headers.get("content-type")).toStartWith("text/event-stream");
    const events = (await response.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, "")));
    expect(chunks[0]).toMatchObject({
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta: { role: "assistant" } }],
    });
    expect(chunks.slice(1, 3).map((chunk) => chunk.choices[0].delta.content)).toEqual(["Hel", "lo"]);
    expect(chunks[3].choices[0].finish_reason).toBe("stop");
    expect(await stub.requests[0]!.settled).toBe("answered");
  });

  test("answers embeddings with one indexed vector per input, closer for shared words", async () => {
    stub = startOpenAIStub();
    const response = await post("/embeddings", {
      model: "e",
      input: ["reset password", "password reset help"],
    });
    const json = await response.json();
    expect(json.data.map((item: { index: number }) => item.index)).toEqual([0, 1]);
    expect(json.data[0].embedding).toEqual(stubEmbedding("reset password"));
    expect(json.usage.total_tokens).toBe(5);
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
    const [a, b, c] = ["reset password", "password reset help", "shipping to canada"].map((text) =>
      stubEmbedding(text),
    );
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
  });

  test("serves scripted failures once each, with retry-after, then answers normally", async () => {
    stub = startOpenAIStub({
      script: { failures: [{ status: 429, retryAfterSeconds: 2 }, { status: 503 }] },
    });
    const first = await post("/embeddings", { model: "e", input: "x" });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect((await first.json()).error.type).toBe("rate_limit_exceeded");
    expect((await post("/embeddings", { model: "e", input: "x" })).status).toBe(503);
    expect((await post("/embeddings", { model: "e", input: "x" })).status).toBe(200);
    expect(stub.requests.map((request) => request.outcome)).toEqual(["failed", "failed", "answered"]);
  });

  test("checks the bearer key when one is configured", async () => {
    stub = startOpenAIStub({ apiKey: "sk-test" });
    expect((await post("/embeddings", { model: "e", input: "x" })).status).toBe(401);
    const allowed = await post(
      "/embeddings",
      { model: "e", input: "x" },
      { authorization: "Bearer sk-test" },
    );
    expect(allowed.status).toBe(200);
  });

  test("records a client that disconnects from a hanging request; stop() releases the rest", async () => {
    stub = startOpenAIStub({ script: { hang: true } });
    const controller = new AbortController();
    const abandoned = post("/embeddings", { model: "e", input: "x" }, {}, controller.signal).catch(
      () => null,
    );
    const leftHanging = post("/embeddings", { model: "e", input: "y" }).catch(() => null);
    while (stub.requests.length < 2) await Bun.sleep(5);
    controller.abort();
    await abandoned;
    const byInput = (input: string) => stub.requests.find((request) => request.body?.input === input)!;
    expect(await byInput("x").settled).toBe("disconnected");
    expect(byInput("y").outcome).toBe("pending");
    await stub.stop();
    // Settles one way or the other instead of hanging the suite.
    await leftHanging;
  });
});
