import { describe, expect, test } from "bun:test";
import type { ReviewItem } from "@supportal/shared";
import { checkInput, curatedFromReview, curatedInput, describeExpect, emptyCheck } from "./quality-forms";

describe("the curated-answer form", () => {
  test("sends each other phrasing once, without blanks or the question itself", () => {
    expect(
      curatedInput({
        question: "  Can I pay by invoice? ",
        variants: "Do you take invoices?\n\n  can i pay by invoice?\r\nDo you take invoices?\nInvoice ok?",
        answer: " Yes, on orders over 100 euros. ",
        documentId: "",
      }),
    ).toEqual({
      question: "Can I pay by invoice?",
      variants: ["Do you take invoices?", "Invoice ok?"],
      answer: "Yes, on orders over 100 euros.",
      documentId: null,
    });
    expect(curatedInput({ question: "q", variants: "", answer: "a", documentId: "7" }).documentId).toBe(7);
  });

  test("a review item becomes a draft: its questions and the document its answer cited", () => {
    const item: ReviewItem = {
      id: "m1",
      questions: [
        { question: "Do you ship to Norway?", sessionId: "s1", askedAt: "", messageId: "m1", reason: "down" },
        {
          question: "Shipping to Norway?",
          sessionId: "s2",
          askedAt: "",
          messageId: "m2",
          reason: "unanswered",
        },
        { question: "Do you ship to Norway?", sessionId: "s3", askedAt: "", messageId: "m3", reason: "down" },
      ],
      answer: "We ship within the EU.",
      sources: [
        { documentId: 0, documentName: "", snippet: "", title: "Old curated", curated: 4 },
        { documentId: 9, documentName: "shipping.md", snippet: "EU" },
      ],
      reasons: ["down", "unanswered"],
      lastAskedAt: "",
    };
    expect(curatedFromReview(item)).toEqual({
      question: "Do you ship to Norway?",
      variants: "Shipping to Norway?",
      answer: "",
      documentId: "9",
    });
  });
});

describe("the check form", () => {
  test("needs a question and an expectation", () => {
    expect(checkInput(emptyCheck)).toContain("question");
    expect(checkInput({ ...emptyCheck, question: "Hours?" })).toContain("document");
    expect(checkInput({ ...emptyCheck, question: " Hours? ", phrase: " eight " })).toEqual({
      question: "Hours?",
      expect: { phrase: "eight" },
    });
    expect(checkInput({ ...emptyCheck, question: "Hours?", documentId: "3" })).toEqual({
      question: "Hours?",
      expect: { documentId: 3 },
    });
    // A refusal takes nothing else, even when a phrase was typed before switching.
    expect(checkInput({ question: "Kayaks?", kind: "refuse", documentId: "3", phrase: "x" })).toEqual({
      question: "Kayaks?",
      expect: { refuse: true },
    });
  });

  test("says an expectation in words", () => {
    const name = (id: number) => (id === 3 ? "hours.txt" : "?");
    expect(describeExpect({ documentId: 3, phrase: "eight" }, name)).toBe(
      "cites hours.txt and contains “eight”",
    );
    expect(describeExpect({ refuse: true }, name)).toBe("must say it does not know");
  });
});
