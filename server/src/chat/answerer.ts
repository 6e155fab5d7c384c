import type { Source } from "@supportal/shared";
import type { ChatTurn } from "../providers/chat-model";
import type { RankedChunk } from "../rag/search-chunks";
import type { TermStats } from "../rag/term-stats";
import type { ChatLanguage } from "./detect-language";

export interface AnswerInput {
  question: string;
  /** Earlier turns of the session, oldest first, without the question. */
  history: ChatTurn[];
  /** Relevant chunks, best first; never empty. */
  chunks: RankedChunk[];
  business: { name: string; systemPrompt: string | null };
  /** The business hands chats to its people: a chat model may ask for one (`handoff()`). */
  handoffEnabled?: boolean;
  /** The visitor's language, when the question or the widget shows it. */
  language?: ChatLanguage | null;
  /** The language the chunks are written in, when it shows. */
  documentsLanguage?: ChatLanguage | null;
  /**
   * The business's term counts, as the answer decision read them: the extractive answerer weighs the
   * question's words by their rarity when it picks the chunk to quote. Absent: every word alike.
   */
  termStats?: TermStats;
  signal: AbortSignal;
}

export interface AnswerStream {
  pieces: AsyncIterable<string>;
  /** The sources the answer drew on; complete once `pieces` is exhausted. */
  sources(): Source[];
  /** Once `pieces` is exhausted: the model asked to hand the conversation to a person instead. */
  handoff?(): boolean;
}

/** Writes an answer from retrieved chunks: the offline extractive one or a chat model. */
export interface Answerer {
  answer(input: AnswerInput): AnswerStream;
}

export function snippetOf(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

export function sourceOf(chunk: RankedChunk, snippet: string): Source {
  return {
    documentId: chunk.documentId,
    documentName: chunk.documentName,
    snippet: snippetOf(snippet),
    ...(chunk.page ? { page: chunk.page } : {}),
    ...(chunk.heading ? { heading: chunk.heading } : {}),
  };
}

/** One source per document and section, first mention wins. */
export function dedupeSources(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = `${source.documentId}:${source.heading ?? ""}:${source.page ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
