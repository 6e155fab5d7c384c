import type {
  CheckCreate,
  CheckExpect,
  CuratedAnswer,
  CuratedAnswerCreate,
  ReviewItem,
} from "@supportal/shared";

/** The curated-answer form as typed: other phrasings one per line, the document as a select's value. */
export interface CuratedValues {
  question: string;
  variants: string;
  answer: string;
  /** A document id, or "" for none. */
  documentId: string;
}

export const emptyCurated: CuratedValues = { question: "", variants: "", answer: "", documentId: "" };

export function curatedValues(answer: CuratedAnswer): CuratedValues {
  return {
    question: answer.question,
    variants: answer.variants.join("\n"),
    answer: answer.answer,
    documentId: answer.documentId === null ? "" : String(answer.documentId),
  };
}

/** What the server is sent; blank and repeated phrasings (and the question itself) are left out. */
export function curatedInput(values: CuratedValues): CuratedAnswerCreate {
  const question = values.question.trim();
  const seen = new Set([question.toLowerCase()]);
  const variants: string[] = [];
  for (const line of values.variants.split(/\r?\n/)) {
    const variant = line.trim();
    if (!variant || seen.has(variant.toLowerCase())) continue;
    seen.add(variant.toLowerCase());
    variants.push(variant);
  }
  return {
    question,
    variants,
    answer: values.answer.trim(),
    documentId: values.documentId ? Number(values.documentId) : null,
  };
}

/**
 * A review item made into a curated answer's first draft: its first question, the other ways it was
 * asked as phrasings, and the document its answer cited. The answer is for the owner to write.
 */
export function curatedFromReview(item: ReviewItem): CuratedValues {
  const [first, ...others] = item.questions.map((q) => q.question.trim());
  const cited = item.sources.find((source) => source.documentId > 0 && source.curated === undefined);
  return {
    question: first ?? "",
    variants: [...new Set(others.filter((q) => q !== first))].join("\n"),
    answer: "",
    documentId: cited ? String(cited.documentId) : "",
  };
}

/** The check form as typed: "answer" expects a document and/or a phrase, "refuse" a refusal. */
export interface CheckValues {
  question: string;
  kind: "answer" | "refuse";
  documentId: string;
  phrase: string;
}

export const emptyCheck: CheckValues = { question: "", kind: "answer", documentId: "", phrase: "" };

/** The check to create, or the sentence that says what is missing. */
export function checkInput(values: CheckValues): CheckCreate | string {
  const question = values.question.trim();
  if (!question) return "Write the question the assistant must answer.";
  if (values.kind === "refuse") return { question, expect: { refuse: true } };
  const phrase = values.phrase.trim();
  const expect: CheckExpect = {
    ...(values.documentId ? { documentId: Number(values.documentId) } : {}),
    ...(phrase ? { phrase } : {}),
  };
  if (!expect.documentId && !expect.phrase)
    return "Choose the document the answer must cite, or a phrase it must contain (or both).";
  return { question, expect };
}

/** An expectation in words, naming the document when it is known. */
export function describeExpect(expect: CheckExpect, documentName: (id: number) => string): string {
  if (expect.refuse) return "must say it does not know";
  const parts: string[] = [];
  if (expect.documentId) parts.push(`cites ${documentName(expect.documentId)}`);
  if (expect.phrase) parts.push(`contains “${expect.phrase}”`);
  return parts.join(" and ");
}
