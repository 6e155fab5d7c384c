import { describe, expect, test } from "bun:test";
import { TermCounts } from "./term-stats";
import { weighQuestion, weightedCoverage } from "./term-weights";
import { contentWords, stem } from "./terms";
import { wordVariants } from "./word-variants";

// A small help center that writes every word out in full.
function business(): TermCounts {
  const counts = new TermCounts();
  counts.add("Messages", "Edit a message within ten minutes of sending it.");
  counts.add("Gift cards", "A gift card is sent by email.");
  counts.add("Temperature", "The water reaches a hot 93 °C; a large cup takes longer.");
  counts.add("Computers", "The installer runs on any PC without internet access.");
  counts.add("Wi-Fi", "Wi-Fi names are printed on the card in the café.");
  return counts;
}

describe("wordVariants", () => {
  test("chat shorthand and its plural are read as the word the business writes", () => {
    expect(wordVariants("msg", business())).toEqual([stem("message")]);
    expect(wordVariants("msgs", business())).toEqual([stem("message")]);
    expect(wordVariants("temp", business())).toEqual([stem("temperature")]);
  });

  test("an acronym's plural is read as the acronym", () => {
    expect(wordVariants("pcs", business())).toEqual([stem("pc")]);
  });

  test("a comparative or superlative is read as its adjective", () => {
    expect(wordVariants("hotter", business())).toEqual([stem("hot")]);
    expect(wordVariants("largest", business())).toEqual([stem("large")]);
  });

  test("two words run together are read as both, and a passage must hold both", () => {
    const counts = business();
    expect(wordVariants("giftcard", counts)).toEqual([`${stem("gift")} ${stem("card")}`]);
    const weighed = weighQuestion("giftcard", counts);
    expect(weighed.foreign).toBe(0);
    expect(weightedCoverage(weighed, "A gift card is sent by email.")).toBe(1);
    expect(weightedCoverage(weighed, "Printed on the card.")).toBe(0);
  });

  test("a word with no variant the business writes has none, and stays foreign", () => {
    expect(wordVariants("paypal", business())).toEqual([]);
    expect(weighQuestion("paypal", business()).foreign).toBe(1);
    // The shorthand is only read as its word when the business writes that word.
    expect(wordVariants("pkg", business())).toEqual([]);
  });
});

describe("contentWords", () => {
  test("accents are folded, a hyphenated word is also run together, a trailing dash is not a letter", () => {
    expect(contentWords("Café")).toEqual(["cafe"]);
    expect(contentWords("Wi-Fi")).toEqual(["wi-fi", "wifi"]);
    expect(contentWords("starts with xoxe-")).toEqual(["starts", "xoxe"]);
    const counts = business();
    expect(weighQuestion("wifi at the cafe", counts).foreign).toBe(0);
  });
});
