import type { Source } from "@supportal/shared";
import type { CuratedHit } from "../curated/curated-matcher";
import type { Repositories } from "../db/repositories";
import { documentTitle } from "../documents/document-repo";
import type { ChatTurn } from "../providers/chat-model";
import { type Answerer, sourceOf } from "./answerer";
import { NOTICES } from "./chat-notices";
import { withTitles } from "./cite-titles";
import type { ChatLanguage } from "./detect-language";
import { type PlanDeps, planReply } from "./plan-reply";

export interface ComposeDeps extends PlanDeps {
  repos: Pick<Repositories, "documents">;
  answerer: Answerer;
}

export interface ComposeInput {
  businessId: number;
  business: { name: string; systemPrompt: string | null };
  question: string;
  history: ChatTurn[];
  lang: ChatLanguage | null;
  signal: AbortSignal;
}

/** What the assistant says to one question, as a stream, before anything is stored or sent. */
export interface ComposedReply {
  kind: "curated" | "answer" | "not_found" | "handoff" | "small_talk";
  pieces: AsyncIterable<string>;
  /** Complete once `pieces` is exhausted; titled as customers should read them. */
  sources(): Promise<Source[]>;
  /** What to say when the stream said nothing. */
  fallback: string;
  /** Nothing relevant was found: a knowledge gap. */
  unanswered: boolean;
  /** Answered, but on little evidence: a possible gap. */
  lowEvidence: boolean;
  /** The curated answer given, when it is one. */
  curatedId?: number;
}

// A curated answer streams like any other: a few words a delta.
const WORDS_PER_DELTA = 4;

async function* inPieces(text: string): AsyncIterable<string> {
  const words = text.match(/\S+\s*/g) ?? [text];
  for (let i = 0; i < words.length; i += WORDS_PER_DELTA) yield words.slice(i, i + WORDS_PER_DELTA).join("");
}

async function* once(text: string): AsyncIterable<string> {
  yield text;
}

/** A curated answer as the chat streams it, with its one source. */
export async function curatedReply(
  repos: Pick<Repositories, "documents">,
  businessId: number,
  hit: CuratedHit,
) {
  return { pieces: inPieces(hit.row.answer), sources: [await curatedSource(repos, businessId, hit)] };
}

/** The source of a curated answer: its linked document when it has one, marked as curated. */
async function curatedSource(
  repos: Pick<Repositories, "documents">,
  businessId: number,
  hit: CuratedHit,
): Promise<Source> {
  const doc = hit.row.documentId
    ? await repos.documents.findDocumentRow(businessId, hit.row.documentId)
    : undefined;
  return {
    documentId: doc?.id ?? 0,
    documentName: doc?.name ?? "",
    snippet: "",
    title: (doc && documentTitle(doc)) ?? doc?.name ?? hit.row.question,
    curated: hit.row.id,
  };
}

/**
 * Decides and streams the reply to one question: a curated answer when one matches (before any
 * retrieval), else the plan (handoff pointer, answer from the documents, or an honest not-found).
 * The chat and the golden-question runs both speak through this.
 */
export async function composeReply(deps: ComposeDeps, input: ComposeInput): Promise<ComposedReply> {
  const reply = await planReply(deps, input);
  if (reply.kind === "curated") {
    const curated = await curatedReply(deps.repos, input.businessId, reply.hit);
    return {
      kind: "curated",
      pieces: curated.pieces,
      sources: async () => curated.sources,
      fallback: reply.hit.row.answer,
      unanswered: false,
      lowEvidence: false,
      curatedId: reply.hit.row.id,
    };
  }
  if (reply.kind !== "answer") {
    const nearMiss = reply.kind === "not_found" ? reply.nearMiss : null;
    const sources = await withTitles(
      deps.repos,
      input.businessId,
      nearMiss ? [sourceOf(nearMiss, nearMiss.text)] : [],
    );
    return {
      kind: reply.kind,
      pieces: once(reply.text),
      sources: async () => sources,
      fallback: reply.text,
      // A request for a person is not a gap in the documents.
      unanswered: reply.kind === "not_found",
      lowEvidence: false,
    };
  }
  const stream = deps.answerer.answer({
    question: input.question,
    history: input.history,
    chunks: reply.chunks,
    business: input.business,
    language: reply.language,
    documentsLanguage: reply.documentsLanguage,
    termStats: reply.termStats,
    signal: input.signal,
  });
  return {
    kind: "answer",
    pieces: stream.pieces,
    sources: () => withTitles(deps.repos, input.businessId, stream.sources()),
    fallback: NOTICES[reply.language ?? "en"].notFound(input.business.name),
    unanswered: false,
    lowEvidence: reply.lowEvidence,
  };
}
