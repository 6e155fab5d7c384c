import { describe, expect, test } from "bun:test";
import { splitIntoWindows } from "./chunk-document";

const SENTENCES = [
  "Parcels leave our warehouse every weekday before noon.",
  "Most addresses in the European Union receive them within five working days.",
  "You get a tracking link by e-mail as soon as the carrier scans the parcel.",
  "If nothing arrives after ten days, write to us and we send a replacement.",
  "Parcels to Switzerland and Norway may be held at customs for a day or two.",
  "Customs fees outside the Union are paid by the recipient.",
  "We do not ship to post office boxes.",
  "Gift wrapping is free for every order over fifty euros.",
];

describe("splitIntoWindows", () => {
  test("windows hold whole sentences and stay between about 150 and 300 characters", () => {
    const text = SENTENCES.join(" ");
    const windows = splitIntoWindows(text);
    expect(windows.length).toBeGreaterThan(1);
    for (const window of windows) {
      expect(window.length).toBeLessThanOrEqual(300);
      for (const sentence of SENTENCES) {
        // A sentence is either wholly inside a window or not in it at all.
        if (window.includes(sentence.slice(0, 20))) expect(window).toContain(sentence);
      }
    }
    expect(windows.slice(0, -1).every((window) => window.length >= 150)).toBe(true);
    expect(windows.join(" ")).toBe(text);
  });

  test("a long sentence is cut at words", () => {
    const long = Array.from({ length: 120 }, (_, at) => `term${at}`).join(" ");
    const windows = splitIntoWindows(long);
    for (const window of windows) {
      expect(window.length).toBeLessThanOrEqual(300);
      expect(window).toMatch(/^term\d+( term\d+)*$/);
    }
    expect(windows.join(" ")).toBe(long);
  });

  test("list lines count as sentences; short text is one window; blank text none", () => {
    expect(splitIntoWindows("- Keep the receipt\n- Register online")).toEqual([
      "- Keep the receipt - Register online",
    ]);
    expect(splitIntoWindows("Short.")).toEqual(["Short."]);
    expect(splitIntoWindows("   ")).toEqual([]);
    expect(splitIntoWindows(SENTENCES.join(" "), 100).every((window) => window.length <= 120)).toBe(true);
  });
});
