import * as z from "zod/mini";
import { MAX_MESSAGE_CHARS } from "./limits";
import { Source } from "./protocol";

// The quality loop (contract v1.1): feedback on answers, curated answers, golden questions.

export const MAX_CURATED_QUESTION_CHARS = 500;
export const MAX_CURATED_VARIANTS = 20;
export const MAX_CURATED_ANSWER_CHARS = 8000;
export const MAX_CURATED_ANSWERS = 1000;

const Phrase = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_CURATED_QUESTION_CHARS));

/** A question the owner answers once, in their own words; used before retrieval when it matches. */
export const CuratedAnswerCreate = z.strictObject({
  question: Phrase,
  /** Other ways customers ask the same thing. */
  variants: z.optional(z.array(Phrase).check(z.maxLength(MAX_CURATED_VARIANTS))),
  /** Markdown (links, emphasis, lists); shown as text, never as HTML. */
  answer: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_CURATED_ANSWER_CHARS)),
  /** The document this answer is about, cited with it; null: none. */
  documentId: z.optional(z.nullable(z.int().check(z.positive()))),
});
export type CuratedAnswerCreate = z.infer<typeof CuratedAnswerCreate>;
export const CuratedAnswerPatch = z.partial(CuratedAnswerCreate);
export type CuratedAnswerPatch = z.infer<typeof CuratedAnswerPatch>;

export const CuratedAnswer = z.object({
  id: z.int(),
  question: z.string(),
  variants: z.array(z.string()),
  answer: z.string(),
  documentId: z.nullable(z.int()),
  /** Customer questions answered with it so far. */
  uses: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CuratedAnswer = z.infer<typeof CuratedAnswer>;
export const CuratedAnswerList = z.object({ answers: z.array(CuratedAnswer) });

/** `POST …/answers/import` (text/csv): rows added, and each refused row with why. */
export const CuratedImportResult = z.object({
  imported: z.int(),
  errors: z.array(z.object({ row: z.int(), message: z.string() })),
});
export type CuratedImportResult = z.infer<typeof CuratedImportResult>;

export const MAX_CHECKS = 200;

/**
 * What a golden question's answer must show: its source names `documentId`, and/or its text holds
 * `phrase` (case and spacing ignored); or, with `refuse`, that the assistant says it does not know.
 */
export const CheckExpect = z
  .strictObject({
    documentId: z.optional(z.int().check(z.positive())),
    phrase: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
    refuse: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (e) => (e.refuse === true) !== (e.documentId !== undefined || e.phrase !== undefined),
      "name a documentId and/or a phrase, or refuse: true (not both)",
    ),
  );
export type CheckExpect = z.infer<typeof CheckExpect>;

export const CheckCreate = z.strictObject({
  question: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
  expect: CheckExpect,
});
export type CheckCreate = z.infer<typeof CheckCreate>;
export const CheckPatch = z.partial(CheckCreate);

export const CheckOutcome = z.object({
  passed: z.boolean(),
  /** Passed in the previous run that had this check, fails now. */
  regression: z.boolean(),
  /** Why it failed, in a sentence; empty when it passed. */
  reason: z.string(),
  /** What came back: the answer, how it was reached and its sources. */
  answer: z.string(),
  kind: z.enum(["curated", "answer", "not_found", "handoff", "small_talk", "error"]),
  sources: z.array(Source),
});
export type CheckOutcome = z.infer<typeof CheckOutcome>;

export const Check = z.object({
  id: z.int(),
  question: z.string(),
  expect: CheckExpect,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The outcome in the latest run that had it; null before its first run. */
  last: z.nullable(z.extend(CheckOutcome, { runId: z.int(), at: z.string() })),
});
export type Check = z.infer<typeof Check>;
export const CheckList = z.object({ checks: z.array(Check) });

export const CheckTrigger = z.enum(["manual", "documents", "model", "checks"]);
export type CheckTrigger = z.infer<typeof CheckTrigger>;

export const CheckRunSummary = z.object({
  id: z.int(),
  trigger: CheckTrigger,
  /** What changed, for runs after an ingestion change ("faq.pdf replaced"). */
  reason: z.string(),
  status: z.enum(["running", "done"]),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  total: z.int(),
  passed: z.int(),
  failed: z.int(),
  regressions: z.int(),
});
export type CheckRunSummary = z.infer<typeof CheckRunSummary>;
export const CheckRunList = z.object({ runs: z.array(CheckRunSummary) });

export const CheckResult = z.extend(CheckOutcome, { checkId: z.int(), question: z.string() });
export type CheckResult = z.infer<typeof CheckResult>;
export const CheckRun = z.extend(CheckRunSummary, { results: z.array(CheckResult) });
export type CheckRun = z.infer<typeof CheckRun>;

/** A check generated from the documents (a heading that asks a question), for the owner to accept. */
export const CheckSuggestion = z.object({
  id: z.int(),
  question: z.string(),
  expect: CheckExpect,
  documentName: z.string(),
});
export type CheckSuggestion = z.infer<typeof CheckSuggestion>;
export const CheckSuggestionList = z.object({ suggestions: z.array(CheckSuggestion) });

/** Why an answer is in the review queue. */
export const ReviewReason = z.enum(["down", "unanswered", "low_evidence"]);
export type ReviewReason = z.infer<typeof ReviewReason>;

/** One question of a review item, as a customer asked it. */
export const ReviewQuestion = z.object({
  question: z.string(),
  sessionId: z.string(),
  askedAt: z.string(),
  /** The assistant answer that followed it. */
  messageId: z.string(),
  reason: ReviewReason,
  comment: z.optional(z.string()),
});
export type ReviewQuestion = z.infer<typeof ReviewQuestion>;

/** Answers to review, the same question in other words grouped once. */
export const ReviewItem = z.object({
  /** The first question's answer id: stable while the item lasts. */
  id: z.string(),
  questions: z.array(ReviewQuestion),
  /** The latest answer given, with its sources. */
  answer: z.string(),
  sources: z.array(Source),
  reasons: z.array(ReviewReason),
  lastAskedAt: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;
export const ReviewQueue = z.object({ items: z.array(ReviewItem) });
export type ReviewQueue = z.infer<typeof ReviewQueue>;
export const ReviewDismiss = z.strictObject({
  messageIds: z
    .array(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(z.minLength(1), z.maxLength(500)),
});

/** Insights of ratings: share of 👎 by day and by cited document. */
export const FeedbackDay = z.object({ day: z.string(), up: z.int(), down: z.int() });
export const FeedbackByDocument = z.object({
  documentId: z.int(),
  documentName: z.string(),
  up: z.int(),
  down: z.int(),
});
export const FeedbackInsights = z.object({
  up: z.int(),
  down: z.int(),
  perDay: z.array(FeedbackDay),
  perDocument: z.array(FeedbackByDocument),
});
export type FeedbackInsights = z.infer<typeof FeedbackInsights>;
