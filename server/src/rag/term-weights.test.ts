import { describe, expect, test } from "bun:test";
import { TermCounts, type TermStats } from "./term-stats";
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

  test("a question of hundreds of unknown words scans the business's terms once, not once a word", () => {
    const counts = shop();
    let scans = 0;
    const counted: TermStats = {
      get chunks() {
        return counts.chunks;
      },
      frequency: (term) => counts.frequency(term),
      entries: () => {
        scans++;
        return counts.entries();
      },
    };
    // A visitor's 4,000 characters of made-up words: ~660 lookups, once each over 150k terms, held
    // the event loop for 6 s.
    const letters = "bcdfghjklmnpqrstvwxz";
    const made = Array.from({ length: 600 }, (_, i) =>
      [0, 1, 2, 3, 4, 5].map((d) => letters[Math.floor(i / letters.length ** d) % letters.length]).join(""),
    );
    const weighed = weighQuestion(made.join(" "), counted);
    expect(weighed.foreign).toBe(600);
    expect(scans).toBeLessThanOrEqual(1);
  });

  test("looked up all at once, every word gets the spellings it gets looked up alone", () => {
    const counts = shop();
    counts.add("Sizes", "Every size fits differently.");
    counts.add("Decisions", "Decide within thirty days.");
    counts.add("Account", "Reset your password from the account page; we receive mail daily.");
    const words = ["delivry", "diffrent", "decibels", "pasword", "recieve", "expres", "ordres", "acount"];
    const words2 = ["retrun", "thirrty", "mastercrad", "paymnet", "zzzzzz", "returns", "order"];
    const together = weighQuestion([...words, ...words2].join(" "), counts);
    expect(together.terms.filter((t) => t.spellings[0] !== t.term).length).toBeGreaterThanOrEqual(6);
    for (const word of [...words, ...words2]) {
      const alone = weighQuestion(word, counts).terms[0]!;
      expect({ word, ...together.terms.find((t) => t.term === alone.term) }).toEqual({ word, ...alone });
    }
    expect(together.foreign).toBe(
      [...words, ...words2].reduce((sum, word) => sum + weighQuestion(word, counts).foreign, 0),
    );
  });

  test("one edit: insertion, deletion, substitution, swap; not two", () => {
    expect(oneEditApart("pasword", "password")).toBe(true);
    expect(oneEditApart("recieve", "receive")).toBe(true);
    expect(oneEditApart("refund", "refind")).toBe(true);
    expect(oneEditApart("adres", "address")).toBe(false);
  });
});
