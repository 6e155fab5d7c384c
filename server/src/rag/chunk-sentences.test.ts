import { describe, expect, test } from "bun:test";
import { splitAtWords, splitSentences } from "./chunk-sentences";

describe("splitSentences", () => {
  test("splits at stops followed by a capital, keeping closing quotes", () => {
    expect(splitSentences('We ship daily. Is it free? Yes! "Really." Of course.')).toEqual([
      "We ship daily.",
      "Is it free?",
      "Yes!",
      '"Really."',
      "Of course.",
    ]);
  });

  test("abbreviations, initials, decimals and lowercase continuations do not end a sentence", () => {
    const text =
      "Bring e.g. the receipt. Ask Dr. Smith or J. Doe about version 2.1 today. It costs approx. 5 euros.";
    expect(splitSentences(text)).toEqual([
      "Bring e.g. the receipt.",
      "Ask Dr. Smith or J. Doe about version 2.1 today.",
      "It costs approx. 5 euros.",
    ]);
  });

  test("text without a stop is one sentence; blank text none", () => {
    expect(splitSentences("  no stop here  ")).toEqual(["no stop here"]);
    expect(splitSentences(" \n ")).toEqual([]);
  });
});

describe("splitAtWords", () => {
  test("cuts at spaces within the limit, and cuts words longer than it", () => {
    expect(splitAtWords("aaa bbb ccc dddd", 7)).toEqual(["aaa bbb", "ccc", "dddd"]);
    expect(splitAtWords("x abcdefghij y", 4)).toEqual(["x", "abcd", "efgh", "ij y"]);
  });
});
