import { expect, test } from "bun:test";
import * as shared from "@supportal/shared";
import { MAX_MESSAGE_CHARS, SESSION_ID_PATTERN } from "./limits";

test("the widget's copies of the protocol limits equal shared/src/limits.ts", () => {
  expect(SESSION_ID_PATTERN.source).toBe(shared.SESSION_ID_PATTERN.source);
  expect(MAX_MESSAGE_CHARS).toBe(shared.MAX_MESSAGE_CHARS);
});
