import { describe, expect, test } from "bun:test";
import { PublicConfig, ServerFrame } from "@supportal/shared";
import { decodeFrame, isPublicConfig, isServerFrame } from "./frames";

// The widget checks frames with small guards instead of shipping zod (see guard.ts). These tests
// hold the guards to the shared zod schemas: on every valid sample and on every mutation of one,
// both must give the same verdict.
const source = {
  documentId: 4,
  documentName: "FAQ.pdf",
  snippet: "Returns take 30 days.",
  page: 3,
  heading: "Returns",
};
const message = {
  type: "message",
  id: "m1",
  sender: "assistant",
  message: "Hi",
  timestamp: "2025-01-01T00:00:00.000Z",
  sources: [source],
};
const validFrames: Record<string, unknown>[] = [
  { type: "history", messages: [message, { ...message, id: "m2", sender: "user", sources: undefined }] },
  { type: "history", messages: [] },
  message,
  { ...message, sender: "agent", sources: [] },
  { ...message, sender: "system", sources: [{ documentId: 1, documentName: "a", snippet: "" }] },
  { type: "typing", sender: "assistant" },
  { type: "delta", id: "m1", delta: "He" },
  { type: "pong" },
  { type: "error", code: "rate_limited", message: "Slow down" },
  { ...message, extra: "unknown keys are allowed" },
];

const replacements: unknown[] = [undefined, null, 42, 1.5, "x", "", true, [], {}, [source]];

/** Every frame made by replacing one value, at any depth, by each of `replacements`. */
function* mutations(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      for (const mutated of mutations(item)) yield value.with(index, mutated);
    }
    yield [...value, "extra item"];
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      for (const replacement of replacements) yield { ...value, [key]: replacement };
      for (const mutated of mutations(item)) yield { ...value, [key]: mutated };
    }
  }
}

// The one intended difference: the widget accepts error codes a newer server may add.
const isUnknownErrorCode = (frame: unknown) =>
  typeof frame === "object" &&
  frame !== null &&
  (frame as { type?: unknown }).type === "error" &&
  typeof (frame as { code?: unknown }).code === "string";

describe("isServerFrame agrees with the shared ServerFrame schema", () => {
  test("on valid frames", () => {
    for (const frame of validFrames) {
      expect(ServerFrame.safeParse(frame).success).toBe(true);
      expect(isServerFrame(frame)).toBe(true);
    }
  });

  test("on every single-value mutation of them", () => {
    let compared = 0;
    for (const frame of validFrames) {
      for (const mutated of mutations(frame)) {
        const zod = ServerFrame.safeParse(mutated).success;
        if (!zod && isUnknownErrorCode(mutated)) continue;
        if (isServerFrame(mutated) !== zod) throw new Error(`disagree on ${JSON.stringify(mutated)}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  test("on values that are not frames", () => {
    for (const value of [
      null,
      undefined,
      1,
      "history",
      [],
      [message],
      { type: "unknown" },
      { type: "user", message: "x" },
    ]) {
      expect(isServerFrame(value)).toBe(ServerFrame.safeParse(value).success);
    }
  });

  test("accepts an error code it does not know yet", () => {
    expect(isServerFrame({ type: "error", code: "brand_new_code", message: "x" })).toBe(true);
  });
});

describe("isPublicConfig agrees with the shared PublicConfig schema", () => {
  const valid: Record<string, unknown>[] = [
    {
      id: 42,
      name: "Acme",
      greeting: "Hello!",
      theme: { color: "#1F6FEB", title: "Help", position: "left" },
    },
    { id: 1, name: "Acme", greeting: null, theme: {} },
    { id: 1, name: "Acme", greeting: null, theme: { title: "😀".repeat(80) } },
  ];
  const invalid: unknown[] = [
    { id: 1, name: "Acme", greeting: null, theme: { title: "😀".repeat(81) } },
    { id: 1, name: "Acme", greeting: null, theme: { color: "red" } },
    { id: 1, name: "Acme", greeting: null, theme: { color: "#fff" } },
    { id: 1.5, name: "Acme", greeting: null, theme: {} },
    { id: 1, name: "Acme", theme: {} },
  ];

  test("on valid, invalid and mutated configs", () => {
    for (const config of valid) expect(isPublicConfig(config)).toBe(true);
    for (const config of [...invalid, ...valid.flatMap((config) => [...mutations(config)])]) {
      expect(isPublicConfig(config)).toBe(PublicConfig.safeParse(config).success);
    }
  });
});

describe("decodeFrame", () => {
  test("parses a valid JSON frame", () => {
    expect(decodeFrame('{"type":"delta","id":"a","delta":"x"}')).toEqual({
      type: "delta",
      id: "a",
      delta: "x",
    });
  });

  test("drops invalid JSON, invalid frames and binary data", () => {
    expect(decodeFrame("{not json")).toBeUndefined();
    expect(decodeFrame('{"type":"delta","id":1}')).toBeUndefined();
    expect(decodeFrame(new ArrayBuffer(4))).toBeUndefined();
    expect(decodeFrame("null")).toBeUndefined();
  });
});
