import { expect, test } from "bun:test";
import { ClientFrame } from "@supportal/shared";
import * as z from "zod";
import { readClientFrame } from "./read-client-frame";

const FRAMES: unknown[] = [
  { type: "user", message: "  Do you ship abroad?  ", lang: "de", clientId: "c1", extra: 1 },
  { message: "No type, as django-supportal sends it" },
  { type: "ping" },
  { type: "handoff", lang: "fr" },
  { type: "contact", email: "ann@example.com", message: "Call me" },
  { type: "typing" },
  { type: "feedback", messageId: "m1", rating: "up", comment: " fine " },
];

test("each frame type reads as the protocol's union reads it", () => {
  for (const frame of FRAMES) {
    const union = z.safeParse(ClientFrame, frame);
    expect(union.success).toBe(true);
    expect(readClientFrame(JSON.stringify(frame))).toEqual(union.data!);
  }
});

test("a wrong frame is an invalid_message error naming what is wrong, and its clientId", () => {
  expect(readClientFrame(JSON.stringify({ type: "user", message: "   ", clientId: "c9" }))).toMatchObject({
    type: "error",
    code: "invalid_message",
    clientId: "c9",
  });
  expect(readClientFrame(JSON.stringify({ type: "feedback", messageId: "m1", rating: "meh" }))).toMatchObject(
    {
      type: "error",
      code: "invalid_message",
    },
  );
  const unknown = readClientFrame(JSON.stringify({ type: "shout", message: "hi" }));
  expect(unknown).toMatchObject({ type: "error", code: "invalid_message" });
  expect((unknown as { message: string }).message).toContain("Unknown frame type");
});
