import { describe, expect, test } from "bun:test";
import type { RankedChunk } from "../rag/search-chunks";
import { TermCounts } from "../rag/term-stats";
import {
  actionAndObject,
  judgeRelevance,
  type RelevanceThresholds,
  sentenceLeadOf,
  thresholdsFor,
} from "./relevance";

const relevantChunks = (question: string, chunks: RankedChunk[], thresholds: RelevanceThresholds) =>
  judgeRelevance(question, chunks, thresholds).relevant;
const closestChunk = (question: string, chunks: RankedChunk[], thresholds: RelevanceThresholds) =>
  judgeRelevance(question, chunks, thresholds).nearMiss;

const chunk = (text: string, similarity: number, heading = ""): RankedChunk => ({
  documentId: 1,
  documentName: "help.md",
  chunkIndex: 0,
  heading,
  page: 0,
  text,
  score: 0,
  similarity,
  textScore: 0,
});

const thresholds = {
  answer: 0.97,
  keep: 0.85,
  suggest: 0.7,
  coverageWeight: 1,
  weighTerms: false,
  foreignTermPenalty: 0,
};

describe("judgeRelevance: relevant chunks", () => {
  test("nothing when no chunk has enough evidence: the not-found answer follows", () => {
    const chunks = [chunk("Our office is closed on Sundays.", 0.5), chunk("Parcels leave daily.", 0.4)];
    expect(relevantChunks("What is your refund policy for damaged shoes?", chunks, thresholds)).toEqual([]);
  });

  test("similarity alone is enough when it is high", () => {
    const strong = chunk("Something phrased differently.", 0.98);
    expect(relevantChunks("Where is my parcel?", [strong], thresholds)).toEqual([strong]);
  });

  test("shared terms lift a middling similarity over the threshold", () => {
    const shipping = chunk("Shipping to Europe can take three to five days.", 0.4, "Shipping");
    // Terms: long, shipp, europe, take; three of four present: 0.4 + 1 × 0.75 = 1.15.
    expect(relevantChunks("How long does shipping to Europe take?", [shipping], thresholds)).toEqual([
      shipping,
    ]);
    // The same words without any closeness in meaning do not pass.
    expect(
      relevantChunks(
        "How long does shipping to Europe take?",
        [{ ...shipping, similarity: 0.2 }],
        thresholds,
      ),
    ).toEqual([]);
  });

  test("once answerable, weaker chunks above `keep` come along, best first; the rest are dropped", () => {
    const best = chunk("Returns are free within thirty days.", 0.99);
    const fair = chunk("Unrelated words.", 0.86);
    const weak = chunk("Unrelated words.", 0.6);
    expect(relevantChunks("Can I return an item?", [best, fair, weak], thresholds)).toEqual([best, fair]);
  });

  test("each embedder has its own scale", () => {
    expect(thresholdsFor("use-lite-512")).not.toEqual(thresholdsFor("openai:text-embedding-3-small"));
  });
});

describe("judgeRelevance: near miss", () => {
  test("a near miss is offered when it clears `suggest`, never something far off", () => {
    // Close in meaning (0.75) but sharing no word with the question: under `answer`, over `suggest`.
    const near = chunk("Choose the stable release if reliability matters to you.", 0.75);
    const far = chunk("Our office is closed on Sundays.", 0.3);
    expect(closestChunk("Which branch should I pick?", [far, near], thresholds)).toBe(near);
    expect(closestChunk("What is the weather in Paris?", [far], thresholds)).toBeNull();
  });
});

describe("judgeRelevance with the business's term weights (the offline setting)", () => {
  const weighted = { ...thresholds, answer: 0.65, keep: 0.55, suggest: 0.4, coverageWeight: 0.5 };
  const counts = new TermCounts();
  const texts = [
    "Orders ship within two working days.",
    "Express delivery brings your order the next day for a fee.",
    "Return an order within thirty days.",
    "We accept Visa and Mastercard for every order.",
    "Track your order with the link in the email.",
  ];
  for (const text of texts) counts.add("", text);
  const payment = chunk(texts[3]!, 0.45);

  test("a rare shared term counts for more than a word every chunk uses", () => {
    const express = chunk(texts[1]!, 0.45);
    const on = { ...weighted, weighTerms: true };
    expect(judgeRelevance("order express", [express], on, counts).relevant).toEqual([express]);
    // "order", which every chunk uses, is a third of the question's words but little of its weight.
    const cards = { ...payment, similarity: 0.5 };
    expect(judgeRelevance("order with a gift card", [cards], on, counts).relevant).toEqual([]);
    expect(judgeRelevance("order with a gift card", [cards], weighted, counts).relevant).toEqual([cards]);
  });

  test("an uncommon term the documents never use counts against answering", () => {
    const on = { ...weighted, weighTerms: true, foreignTermPenalty: 0.2 };
    expect(judgeRelevance("do you accept visa", [payment], on, counts).relevant).toEqual([payment]);
    expect(judgeRelevance("do you accept paypal", [payment], on, counts).relevant).toEqual([]);
    expect(
      judgeRelevance("do you accept paypal", [payment], { ...on, foreignTermPenalty: 0 }, counts).relevant,
    ).toEqual([payment]);
  });
});

describe("judgeRelevance with the chunks' closest stored sentences (offline)", () => {
  const lead = { weight: 0.4, usual: 0.015 };
  const withLead = {
    ...thresholds,
    answer: 0.65,
    keep: 0.55,
    suggest: 0.4,
    coverageWeight: 0.5,
    sentenceLead: lead,
  };
  // No word shared with the question: the evidence is the similarity alone, just under `answer`.
  const question = "Is it cheaper to pay yearly?";
  const first = chunk("Annual billing costs ten months.", 0.63);
  const second = chunk("Invoices are sent by email.", 0.5);

  test("a best sentence that stands out from the other chunks' carries a borderline question", () => {
    // 0.63 + 0.4 x (0.7 - 0.55 - 0.015) = 0.684.
    expect(judgeRelevance(question, [first, second], withLead, undefined, [0.7, 0.4]).relevant).toEqual([
      first,
    ]);
  });

  test("sentences about as close as each other do not, and lower it a little", () => {
    expect(judgeRelevance(question, [first, second], withLead, undefined, [0.55, 0.54]).relevant).toEqual([]);
    const atAnswer = { ...first, similarity: 0.652 };
    // 0.652 + 0.4 x (0.005 - 0.015) = 0.648.
    expect(judgeRelevance(question, [atAnswer, second], withLead, undefined, [0.55, 0.54]).relevant).toEqual(
      [],
    );
  });

  test("unknown sentences, a lone chunk or thresholds without the lead leave the decision to the chunks", () => {
    expect(judgeRelevance(question, [first, second], withLead).relevant).toEqual([]);
    expect(judgeRelevance(question, [first], withLead, undefined, [0.9]).relevant).toEqual([]);
    const { sentenceLead: _, ...without } = withLead;
    expect(judgeRelevance(question, [first, second], without, undefined, [0.7, 0.4]).relevant).toEqual([]);
    expect(thresholdsFor("openai:text-embedding-3-small").sentenceLead).toBeUndefined();
    expect(thresholdsFor("use-lite-512").sentenceLead).toBeDefined();
  });

  test("the best chunk answers even when the lead carried it from below `keep`", () => {
    const low = chunk("Annual billing costs ten months.", 0.54);
    // 0.54 + 0.4 x (0.9 - 0.6 - 0.015) = 0.654.
    const judged = judgeRelevance(
      question,
      [low, { ...second, similarity: 0.3 }],
      withLead,
      undefined,
      [0.9, 0.3],
    );
    expect(judged.relevant).toEqual([low]);
    expect(judged.evidence).toBeCloseTo(0.54, 5);
  });

  test("the lead is the best sentence over the mean of the chunks' best ones, less the usual lead", () => {
    expect(sentenceLeadOf([0.7, 0.4], lead)).toBeCloseTo(0.4 * (0.7 - 0.55 - 0.015), 9);
    expect(sentenceLeadOf([0.7], lead)).toBe(0);
    expect(sentenceLeadOf(null, lead)).toBe(0);
    expect(sentenceLeadOf([0.7, 0.4], undefined)).toBe(0);
    // A chunk without a sentence (-1) is left out of the comparison.
    expect(sentenceLeadOf([0.7, 0.4, -1], lead)).toBeCloseTo(sentenceLeadOf([0.7, 0.4], lead), 9);
  });
});

describe("judgeRelevance: an action on a thing the best chunk never names (offline)", () => {
  const counts = new TermCounts();
  const texts = [
    "You can bake bread in the oven on the middle shelf.",
    "Clean the oven after every use.",
    "The timer beeps when the bread is done.",
    "Store flour in a dry place.",
    "Preheat the oven for ten minutes.",
  ];
  for (const text of texts) counts.add("", text);
  const weighted = {
    ...thresholds,
    answer: 0.65,
    keep: 0.55,
    suggest: 0.4,
    coverageWeight: 0.5,
    weighTerms: true,
  };
  const on = { ...weighted, rareUnpairedObject: 2 };
  const baking = chunk(texts[0]!, 0.6);
  const preheat = chunk(texts[4]!, 0.6);

  test("the question's action and object are read off its form", () => {
    expect(actionAndObject("How do I paint the front door in winter?")).toEqual({
      action: "paint",
      object: ["front", "door"],
    });
    expect(actionAndObject("can the app still export my old notes")).toEqual({
      action: "export",
      object: ["old", "note"],
    });
    expect(actionAndObject("What is the front door made of?")).toBeNull();
    // The form the pattern names without a subject of its own.
    expect(actionAndObject("Is it possible to bake pizza in the oven?")).toEqual({
      action: "bake",
      object: ["pizza"],
    });
  });

  test("the chunk does the action to something else, a thing the business barely names: refused", () => {
    expect(judgeRelevance("can i bake pizza in the oven", [baking], weighted, counts).relevant).toEqual([
      baking,
    ]);
    const judged = judgeRelevance("can i bake pizza in the oven", [baking], on, counts);
    expect(judged.relevant).toEqual([]);
    // Still close enough to point to.
    expect(judged.nearMiss).toBe(baking);
  });

  test("the object named in the chunk, or named by more chunks than `rareUnpairedObject`: answered", () => {
    expect(judgeRelevance("can i bake bread in the oven", [baking], on, counts).relevant).toEqual([baking]);
    // "bread" is in two chunks, not the one that preheats.
    expect(judgeRelevance("can i preheat the bread", [preheat], on, counts).relevant).toEqual([]);
    expect(
      judgeRelevance("can i preheat the bread", [preheat], { ...on, rareUnpairedObject: 1 }, counts).relevant,
    ).toEqual([preheat]);
  });

  test("only the offline embedder's thresholds read the question's form", () => {
    expect(thresholdsFor("use-lite-512").rareUnpairedObject).toBe(2);
    expect(thresholdsFor("openai:text-embedding-3-small").rareUnpairedObject).toBeUndefined();
  });
});
