import { describe, expect, test } from "bun:test";
import { TermCounts } from "./term-stats";
import { oneEditApart, weighQuestion, weightedCoverage } from "./term-weights";
import { stem } from "./terms";

// A small shop: "order" is in every chunk, "express" in one.
function shop(): TermCounts {
  const counts = new TermCounts();
  counts.add("Orders", "Your order ships within two days.");
  counts.add("Express", "Express delivery brings your order the next day.");
  counts.add("Returns", "Return an order within thirty days.");
  counts.add("Payment", "We accept Visa and Mastercard for every order.");
  return counts;
}

describe("weighQuestion", () => {
  test("a term few chunks hold weighs more than one every chunk holds", () => {
    const weighed = weighQuestion("express order", shop());
    const weight = (word: string) => weighed.terms.find((t) => t.term === stem(word))!.weight;
    expect(weight("express")).toBeGreaterThan(weight("order"));
    // Coverage follows the weights: the chunk with the rare term covers most of the question.
    expect(weightedCoverage(weighed, "Express delivery brings your order")).toBe(1);
    expect(weightedCoverage(weighed, "Your order ships")).toBeLessThan(0.5);
  });

  test("the same question against the same counts is weighed once; counts that grew weigh it anew", () => {
    const counts = shop();
    const first = weighQuestion("express order", counts);
    expect(weighQuestion("express order", counts)).toBe(first);
    counts.add("Express", "Express orders leave the same day.");
    const again = weighQuestion("express order", counts);
    expect(again).not.toBe(first);
    expect(again.terms[0]!.weight).toBeLessThan(first.terms[0]!.weight);
  });

  test("a misspelt term is read as the business's spelling one edit away", () => {
    const weighed = weighQuestion("delivry express", shop());
    expect(weighed.terms[0]!.spellings).toEqual([stem("delivery")]);
    expect(weightedCoverage(weighed, "Express delivery brings your order")).toBe(1);
    expect(weighed.foreign).toBe(0);
  });

  test("a misspelling is read as the word one letter away even when the stems are not one edit apart", () => {
    const counts = shop();
    counts.add("Sizes", "Every size fits differently.");
    // Porter2 stems "different" to "differ" but leaves "diffrent" as typed.
    const weighed = weighQuestion("diffrent size", counts);
    expect(weighed.terms[0]!.spellings).toEqual([stem("different")]);
    expect(weighed.foreign).toBe(0);
  });

  test("a start of five letters one edit from a business's stem is not read as that word", () => {
    const counts = shop();
    counts.add("Decisions", "Decide within thirty days.");
    // "decib" (of "decibels") is one letter from "decid" (of "decide"): too short to say it.
    expect(weighQuestion("decibels", counts).foreign).toBe(1);
  });

  test("uncommon terms no chunk holds are foreign; common words and contractions are not", () => {
    expect(weighQuestion("can i pay with paypal", shop()).foreign).toBe(1);
    expect(weighQuestion("the delivery guy isn't home", shop()).foreign).toBe(0);
  });

  test("one edit: insertion, deletion, substitution, swap; not two", () => {
    expect(oneEditApart("pasword", "password")).toBe(true);
    expect(oneEditApart("recieve", "receive")).toBe(true);
    expect(oneEditApart("refund", "refind")).toBe(true);
    expect(oneEditApart("adres", "address")).toBe(false);
  });
});
