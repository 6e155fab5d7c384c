import { expect, test } from "bun:test";
import { deltaSender } from "./delta-sender";

test("the first piece goes at once; the pieces of one turn of the event loop go as one delta", async () => {
  const sent: string[] = [];
  const deltas = deltaSender((delta) => sent.push(delta));
  deltas.push("You have");
  deltas.push(" thirty");
  deltas.push(" days");
  expect(sent).toEqual(["You have"]);
  await new Promise((resolve) => setImmediate(resolve));
  expect(sent).toEqual(["You have", " thirty days"]);
  deltas.push(" to return");
  await Bun.sleep(5);
  deltas.push(" them.");
  await Bun.sleep(5);
  expect(sent).toEqual(["You have", " thirty days", " to return", " them."]);
});

test("flush sends what is gathered at once, and nothing twice", async () => {
  const sent: string[] = [];
  const deltas = deltaSender((delta) => sent.push(delta));
  deltas.push("A");
  deltas.push("B");
  deltas.push("C");
  deltas.flush();
  expect(sent).toEqual(["A", "BC"]);
  deltas.flush();
  await Bun.sleep(5);
  expect(sent).toEqual(["A", "BC"]);
});
